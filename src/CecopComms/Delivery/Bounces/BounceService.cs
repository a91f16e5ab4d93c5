using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CecopComms.Delivery.Bounces;

/// <summary>
/// The bounce reader of `cecop serve`: when Bounces:Enabled, it reads the bounce mailbox at start and then every
/// Bounces:IntervalMinutes. A run that fails (server down) is reported and the next one tries again.
/// </summary>
public sealed class BounceService(BounceProcessor processor, IOptions<BounceMailboxOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
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
            try { await Task.Delay(TimeSpan.FromMinutes(settings.IntervalMinutes), time, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
