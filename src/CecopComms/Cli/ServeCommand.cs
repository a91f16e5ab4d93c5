using System.CommandLine;
using CecopComms.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop serve: the public web, the scheduler and the sender in one process, until stopped (Ctrl+C or SIGTERM).</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve",
            "Run the engine: the public pages (sign-up, unsubscribe, preferences, archive) on Web:Urls, Quartz firing schedules, the sender sending running mailings. Ctrl+C stops it; a stop mid-send resumes on the next start.");
        command.SetRunWithSettings(async (parse, configuration, ct) =>
        {
            await using var app = await WebApp.BuildAsync(WebApp.CreateBuilder(configuration, engine: true), ct);
            await app.StartAsync(ct);
            Line($"cecop serve: web on {app.Services.GetRequiredService<IOptions<WebOptions>>().Value.Urls}, scheduler and sender running; Ctrl+C stops.");
            await app.WaitForShutdownAsync(ct);
            Line("cecop serve stopped.");
            return ExitCodes.Success;
        });
        return command;
    }
}
