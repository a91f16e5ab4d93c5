using System.Collections.Concurrent;
using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Storage;
using Microsoft.Extensions.Options;

namespace CecopComms.Tests.Delivery;

/// <summary>
/// Three sender nodes (each with a database object of its own, as separate processes have) run one mailing to its end
/// on PostgreSQL, where the lease is shared: every recipient gets one message, and only the node whose update finished
/// the mailing marks its content sent and tells the listeners (the reach figures), not every node that saw it finish.
/// </summary>
public sealed class SharedMailingFinishTests
{
    [PostgresFact]
    public async Task Three_nodes_finish_one_mailing_and_only_one_marks_it_sent_and_tells_the_listeners()
    {
        await using var bed = await DeliveryTestBed.CreateAsync(600);
        var mailing = await bed.StartAsync();
        var settled = new ConcurrentQueue<(string Node, long Mailing)>();
        var options = Options.Create(bed.Options);
        var nodes = Enumerable.Range(1, 3).Select(n => new Database(bed.Stores.Database.Options)).ToArray();
        try
        {
            var senders = nodes.Select((database, n) => new MailingSender(database, new MailingStore(database, TimeProvider.System), bed.Content, bed.Composer,
                bed.Bounces, bed.Transport, new SendThrottle(options, TimeProvider.System, database), options, TimeProvider.System,
                settledListeners: [new CountingListener($"node-{n + 1}", settled)])).ToArray();
            var runs = await Task.WhenAll(senders.Select(sender => Task.Run(() => sender.RunAsync(mailing.Id, null, CancellationToken.None))));

            Assert.All(runs, run => Assert.Equal(MailingStatus.Finished, run.Status));
            Assert.Equal(600, runs.Sum(run => run.Sent));
            Assert.Equal(new Dictionary<string, long> { ["sent"] = 600 }, await bed.CountsAsync(mailing.Id));
            Assert.Equal(600, Directory.EnumerateFiles(bed.Stores.Workspace.Path("outbox"), "*.eml", SearchOption.AllDirectories).Count());
            Assert.True(runs.Count(run => run.Sent > 0) >= 2, $"Messages per node: {string.Join(", ", runs.Select(r => r.Sent))}; the nodes did not share the mailing.");
            var told = Assert.Single(settled);
            Assert.Equal(mailing.Id, told.Mailing);
            // The starter marked it sending; of the nodes, one marks it sent.
            Assert.Equal([(mailing.Source, ContentState.Sending), (mailing.Source, ContentState.Sent)], bed.Content.States.ToArray());
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    private sealed class CountingListener(string node, ConcurrentQueue<(string, long)> into) : IMailingSettledListener
    {
        public Task MailingSettledAsync(long mailingId, CancellationToken cancellationToken)
        {
            into.Enqueue((node, mailingId));
            return Task.CompletedTask;
        }
    }
}
