using System.Diagnostics;
using System.Text.Json.Nodes;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Delivery;

/// <summary>What the tests that run real cecop senders as child processes share: the workspace set up for an SMTP peer, and starting a child.</summary>
internal static class SenderProcesses
{
    /// <summary>
    /// Settings for SMTP to <paramref name="server"/> with short claims, <paramref name="recipients"/> subscribers and the
    /// test edition loaded through the cecop executable; returns the edition's id.
    /// </summary>
    public static async Task<long> PrepareAsync(TempWorkspace workspace, FaultySmtpServer server, int connections, int recipients,
        double claimSeconds, double handoffSeconds)
    {
        workspace.WriteSettings(new JsonObject
        {
            ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["Path"] = workspace.DatabasePath },
            ["Delivery"] = new JsonObject
            {
                ["Transport"] = "smtp",
                ["Servers"] = new JsonArray(new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = server.Port, ["Security"] = "None", ["MaxConnections"] = connections }),
                ["RetryBaseSeconds"] = 0.1,
                ["ClaimSeconds"] = claimSeconds,
                ["HandoffSeconds"] = handoffSeconds,
                ["BounceDomain"] = "bounces.cecop.example",
            },
        });
        await DeliveryTestBed.AddSubscribersAsync(await workspace.OpenDatabaseAsync(), recipients);
        var loaded = await CecopProcess.RunAsync(workspace, "editions", "load", workspace.WriteFile("edition.yaml", Scheduling.SchedulingTestBed.Edition), "--format", "json");
        Assert.True(loaded.ExitCode == 0, loaded.ToString());
        return JsonNode.Parse(loaded.Stdout)!["edition"]!["id"]!.GetValue<long>();
    }

    /// <summary>Starts the cecop executable in the workspace; its standard output and error are read as they come, so a full pipe never blocks it.</summary>
    public static (Process Process, Task<string> Output, Task<string> Error) Start(TempWorkspace workspace, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workspace.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CecopProcess.Executable);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        var process = Process.Start(start)!;
        return (process, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
    }
}
