using System.CommandLine;
using CecopComms.Delivery;
using CecopComms.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop serve: runs the scheduler and the sender until stopped (Ctrl+C or SIGTERM).</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the engine: Quartz fires schedules, the sender sends running mailings. Ctrl+C stops it; a stop mid-send resumes on the next start.");
        command.SetRun(async (parse, services, ct) =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddHostedService(_ => services.GetRequiredService<SchedulerService>());
            builder.Services.AddHostedService(_ => services.GetRequiredService<SenderService>());
            using var host = builder.Build();
            Line("cecop serve: scheduler and sender running; Ctrl+C stops.");
            await host.RunAsync(ct);
            Line("cecop serve stopped.");
            return ExitCodes.Success;
        });
        return command;
    }
}
