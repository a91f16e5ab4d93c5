using System.Diagnostics;
using System.Text.Json.Nodes;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Delivery;

/// <summary>
/// Two real cecop processes on one mailing and one database: the first is frozen with SIGSTOP for longer than its claims
/// and its lease, the second takes the mailing over, then the first is woken with SIGCONT. Every recipient gets exactly
/// one message: the stalled sender finds its rows taken and sends none of them.
/// </summary>
public sealed class FencedClaimStallTests : WorkspaceTest
{
    private const int Recipients = 1_000;

    [Fact]
    public async Task A_sender_stalled_longer_than_its_claim_sends_no_second_copy_when_it_wakes()
    {
        await using var server = await FaultySmtpServer.StartAsync("--delay-ms", "5");
        // The stall (8 s) is longer than a claim (2 s) and the mailing's lease (5 s); a row already handed to the server
        // when the sender froze is held 30 s, so the frozen sender can still mark it when it wakes.
        var edition = await SenderProcesses.PrepareAsync(Workspace, server, connections: 2, Recipients, claimSeconds: 2, handoffSeconds: 30);

        using var first = Started(SenderProcesses.Start(Workspace, "send", $"edition:{edition}", "--now"));
        Process? second = null;
        try
        {
            var deadline = Stopwatch.StartNew();
            while (server.Accepted().Count < 100)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the first sender did not send 100 messages in a minute");
                if (first.HasExited) Assert.Fail("the first sender ended before it was stopped: " + await WaitAsync(first));
                await Task.Delay(10);
            }
            Signal("STOP", first.Id);
            var atStop = server.Accepted().Count;
            var stopped = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(1));
            // The second sender waits for the first's lease to run out, then takes the mailing over.
            second = Started(SenderProcesses.Start(Workspace, "mailings", "resume", "1", "--format", "json"));
            // At least 8 s, and on a loaded machine until the second sender (a process of its own to start) has sent
            // something, up to 20 s (below the 30 s a row handed to the server is held): the first stays frozen all that time.
            while (stopped.Elapsed < TimeSpan.FromSeconds(8) || (server.Accepted().Count == atStop && stopped.Elapsed < TimeSpan.FromSeconds(20)))
                await Task.Delay(50);
            var beforeWake = server.Accepted().Count;
            Signal("CONT", first.Id);
            Console.WriteLine($"stall test: {atStop} accepted when the first sender froze, {beforeWake} when it woke {stopped.Elapsed.TotalSeconds:N1} s later");
            Assert.True(beforeWake > atStop, "the second sender sent nothing while the first was frozen");

            var resumed = await WaitAsync(second);
            Assert.True(second.ExitCode == 0, resumed);
            var run = JsonNode.Parse(resumed)!;
            Assert.Equal("finished", run["status"]!.GetValue<string>());
            await WaitAsync(first);
        }
        finally
        {
            if (!first.HasExited)
            {
                Signal("CONT", first.Id);
                first.Kill();
            }
            if (second is { HasExited: false }) second.Kill();
            second?.Dispose();
        }

        var perRecipient = server.Accepted().GroupBy(a => a.Recipient).ToDictionary(g => g.Key, g => g.Count());
        var duplicates = perRecipient.Where(p => p.Value > 1).Select(p => $"{p.Key} ×{p.Value}").ToList();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} recipients got more than one message: {string.Join(", ", duplicates.Take(10))}");
        Assert.Equal(Recipients, perRecipient.Count);
        var shown = await CecopProcess.RunAsync(Workspace, "mailings", "show", "1", "--format", "json");
        var mailing = JsonNode.Parse(shown.Stdout)!["mailing"]!;
        Assert.Equal(Recipients, mailing["sent"]!.GetValue<long>());
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid.ToString() }, UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private readonly Dictionary<int, (Task<string> Output, Task<string> Error)> _outputs = [];

    /// <summary>Waits up to two minutes for the process to end; returns its standard output (and error, when it failed).</summary>
    private async Task<string> WaitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var (output, error) = _outputs[process.Id];
        var text = await output;
        return process.ExitCode == 0 ? text : text + await error;
    }

    private Process Started((Process Process, Task<string> Output, Task<string> Error) child)
    {
        _outputs[child.Process.Id] = (child.Output, child.Error);
        return child.Process;
    }
}
