using System.Diagnostics;
using System.Text.Json.Nodes;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Delivery;

/// <summary>
/// The sender in a child process (the built cecop executable, real content engine, real SMTP peer) killed with SIGKILL
/// in the middle of a send, then started again: the mailing completes, nobody is lost, and the only second copies are
/// rows that were in 'sending' when it died, taken over once their claims ran out.
/// </summary>
public sealed class CrashTests : WorkspaceTest
{
    private const int Recipients = 3_000;

    [Fact]
    public async Task A_sender_killed_mid_send_resumes_on_restart_and_loses_nobody()
    {
        await using var server = await FaultySmtpServer.StartAsync("--delay-ms", "2");
        // The killed sender's claims hold its rows 2 s before the restart may send them.
        var edition = await SenderProcesses.PrepareAsync(Workspace, server, connections: 4, Recipients, claimSeconds: 2, handoffSeconds: 2);

        var child = SenderProcesses.Start(Workspace, "send", $"edition:{edition}", "--now");
        using (var first = child.Process)
        {
            var deadline = Stopwatch.StartNew();
            while (server.Accepted().Count < Recipients / 3)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the first sender did not get a third of the way in a minute");
                if (first.HasExited) Assert.Fail("the first sender ended before it was killed: " + await child.Error);
                await Task.Delay(20);
            }
            var beforeKill = server.Accepted().Count;
            first.Kill(); // SIGKILL: no shutdown code runs
            await first.WaitForExitAsync();
            Console.WriteLine($"accepted before the kill: {beforeKill}, after {deadline.ElapsedMilliseconds} ms; exit code {first.ExitCode}");
        }
        var atKill = server.Accepted().Count;
        Console.WriteLine($"accepted when killed: {atKill}");
        Assert.InRange(atKill, Recipients / 3, Recipients - 1);

        var resumed = await CecopProcess.RunAsync(["mailings", "resume", "1", "--format", "json"], Workspace.Root, timeout: TimeSpan.FromSeconds(120));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var run = JsonNode.Parse(resumed.Stdout)!;
        Assert.Equal("finished", run["status"]!.GetValue<string>());
        var recovered = run["recovered"]!.GetValue<int>();

        var perRecipient = server.Accepted().GroupBy(a => a.Recipient).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Recipients, perRecipient.Count);
        var duplicates = perRecipient.Values.Sum(n => n - 1);
        // Only a row left in 'sending' can be sent twice, and only if the server had accepted it before the kill.
        Assert.InRange(duplicates, 0, recovered);
        Assert.InRange(recovered, 0, 64);
        var shown = await CecopProcess.RunAsync(Workspace, "mailings", "show", "1", "--format", "json");
        var mailing = JsonNode.Parse(shown.Stdout)!["mailing"]!;
        Assert.Equal(Recipients, mailing["sent"]!.GetValue<long>());
        Console.WriteLine($"crash test: killed after {atKill} accepted; {recovered} rows recovered from 'sending'; {duplicates} second copies; " +
            $"window after restart max {run["window_max_milliseconds"]} ms, mean {run["window_mean_milliseconds"]} ms");
    }
}
