using Microsoft.Extensions.Hosting;
using Quartz;

namespace CecopComms.Scheduling;

/// <summary>Runs the Quartz scheduler while `cecop serve` runs; triggers missed while it was down fire on start (their misfire policy).</summary>
public sealed class SchedulerService(ScheduleTriggers triggers) : IHostedService
{
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _scheduler = await triggers.CreateSchedulerAsync(cancellationToken);
        await _scheduler.Start(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is not null) await _scheduler.Shutdown(true, cancellationToken);
    }
}
