using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace CecopComms.Delivery.Bounces;

/// <summary>
/// The bounce reader of `cecop serve`: when Bounces:Enabled, it reads the bounce mailbox at start and then every
/// Bounces:IntervalMinutes. A run that fails (server down) is reported and the next one tries again. With
/// <paramref name="changes"/> (the settings kept in the database) it follows the settings page without a restart:
/// switched off it waits for a change instead of ending, and a change cuts the wait short, so the next reading uses
/// the new mailbox and interval. A reading under way finishes with the settings it started with.
/// </summary>
public sealed class BounceService(BounceProcessor processor, IOptions<BounceMailboxOptions> options, TimeProvider time,
    Func<IChangeToken>? changes = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the settings are read, so a change saved during the reading still cuts the next wait short.
            var changed = changes?.Invoke();
            var settings = options.Value;
            if (!settings.Enabled)
            {
                if (changed is null) return;
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
    private async Task<bool> WaitAsync(TimeSpan delay, IChangeToken? changed, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var registration = changed?.RegisterChangeCallback(static state => ((CancellationTokenSource)state!).Cancel(), wait);
        try
        {
            await Task.Delay(delay, time, wait.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The settings changed: read them again now.
        }
        return !stoppingToken.IsCancellationRequested;
    }
}
