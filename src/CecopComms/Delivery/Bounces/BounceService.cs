using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CecopComms.Delivery.Bounces;

/// <summary>
/// The bounce reader of `cecop serve`: when Bounces:Enabled, it reads the bounce mailbox at start and then every
/// Bounces:IntervalMinutes. A run that fails (server down) is reported and the next one tries again. Given the options'
/// <paramref name="monitor"/> (the settings page changes them), it follows the settings without a restart: switched
/// off it waits for a change instead of ending, and a change cuts the wait short, so the next reading uses the new
/// mailbox and interval. A reading under way finishes with the settings it started with.
/// </summary>
public sealed class BounceService(BounceProcessor processor, IOptions<BounceMailboxOptions> options, TimeProvider time,
    IOptionsMonitor<BounceMailboxOptions>? monitor = null) : BackgroundService
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The monitor calls its listeners once its value is the new one, so the reading that follows sees the change.
        using var subscription = monitor?.OnChange(_ =>
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult());
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the settings are read, so a change saved during the reading still cuts the next wait short.
            var changed = Volatile.Read(ref _changed).Task;
            var settings = monitor?.CurrentValue ?? options.Value;
            if (!settings.Enabled)
            {
                if (monitor is null) return;
                if (!await WaitAsync(Timeout.InfiniteTimeSpan, changed, stoppingToken)) break;
                continue;
            }
            try
            {
                var run = await processor.FetchAsync(null, stoppingToken);
                if (run.Read > 0)
                    Console.Out.WriteLine($"Bounces: {run.Read} read, {run.Hard} hard, {run.Soft} soft, {run.AutoReplies} auto-replies ignored, "
                        + $"{run.Unmatched} unmatched, {run.Deleted} deleted; {run.SubscribersBounced} people marked bounced.");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // One failed reading must not stop the engine: the mailbox keeps the reports for the next run.
                Console.Error.WriteLine($"Bounces: the mailbox could not be read: {e.Message}");
            }
            if (!await WaitAsync(TimeSpan.FromMinutes(settings.IntervalMinutes), changed, stoppingToken)) break;
        }
    }

    /// <summary>Waits <paramref name="delay"/> or until the settings change; false when the service is stopping.</summary>
    private async Task<bool> WaitAsync(TimeSpan delay, Task changed, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delayed = Task.Delay(delay, time, wait.Token);
        await Task.WhenAny(delayed, changed);
        // A change came first: the timer goes; the delay's cancellation is expected and observed here.
        await wait.CancelAsync();
        try { await delayed; } catch (OperationCanceledException) { }
        return !stoppingToken.IsCancellationRequested;
    }
}
