using Microsoft.Extensions.Hosting;

namespace CecopComms.Delivery;

/// <summary>
/// The sender of `cecop serve`: every second it looks for running mailings no live sender holds (started by a schedule,
/// resumed with --detach, or left by a sender that died) and sends them, a few at a time. On PostgreSQL every running
/// mailing is runnable: the nodes of a cluster send each one together.
/// </summary>
public sealed class SenderService(MailingStore mailings, MailingSender sender) : BackgroundService
{
    /// <summary>Mailings sent at once.</summary>
    public const int Parallel = 2;

    private readonly Dictionary<long, Task> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var done in _running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList()) _running.Remove(done);
            if (_running.Count < Parallel)
            {
                foreach (var id in (await mailings.RunnableAsync(stoppingToken)).Where(id => !_running.ContainsKey(id)).Take(Parallel - _running.Count))
                    _running[id] = Task.Run(() => RunAsync(id, stoppingToken), CancellationToken.None);
            }
            try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        await Task.WhenAll(_running.Values);
    }

    private async Task RunAsync(long id, CancellationToken stoppingToken)
    {
        try
        {
            var run = await sender.RunAsync(id, null, stoppingToken);
            Console.Out.WriteLine($"Mailing {id}: {MailingStore.Text(run.Status)}, {run.Sent} sent in this run{(run.Reason is null ? "" : "; " + run.Reason)}.");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // One mailing that cannot be sent (its content no longer compiles) must not stop the others.
            Console.Error.WriteLine($"Mailing {id} could not be sent: {e.Message}");
        }
    }
}
