using System.Diagnostics;
using CecopComms.Delivery;
using CecopComms.Storage;
using CecopComms.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CecopComms.Tests.Delivery;

/// <summary>A test of what PostgreSQL does that SQLite, one machine, has no need of.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestStorage.IsPostgres) Skip = "Several nodes share one database only on PostgreSQL.";
    }
}

/// <summary>
/// Several sender nodes on one PostgreSQL database share the sending limits: three throttles, each with a database
/// object of its own as separate nodes have, together take about the permits of one limit, not three times as many.
/// </summary>
public sealed class SharedRateLimitTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    [PostgresFact]
    public async Task Three_nodes_share_the_global_rate_instead_of_each_taking_it()
    {
        // 20 a second with a burst of 20: about 20 + 3 × 20 = 80 permits in 3 s for the cluster; 240 if each node had its own.
        var taken = await TakeAsync(new DeliveryOptions { RatePerSecond = 20 }, ["members.example", "members.example", "members.example"]);
        Assert.InRange(taken.Sum(), 40, 100); // per-node limits would allow about 240; a loaded machine may run a taker late
        Assert.All(taken, n => Assert.True(n > 0, $"Permits per node: {string.Join(", ", taken)}."));
    }

    [PostgresFact]
    public async Task A_domain_limit_is_shared_by_the_nodes_and_other_domains_keep_their_own()
    {
        // 10 a second per domain, burst 10: about 10 + 3 × 10 = 40 for a.example over three nodes (120 per node-limit), and
        // as many again for b.example on a fourth, which a.example's queue does not slow.
        var taken = await TakeAsync(new DeliveryOptions { PerDomainRatePerSecond = 10 }, ["a.example", "a.example", "a.example", "b.example"]);
        // The upper bounds are the limit; the lower ones only say the takers were not held back by anything else, and a
        // loaded machine may run a taker late: b.example's node still takes far more than its share of a.example's queue
        // would be (about 10) if the limit leaked across domains.
        Assert.InRange(taken[0] + taken[1] + taken[2], 20, 50);
        Assert.InRange(taken[3], 20, 50);
    }

    /// <summary>One throttle per node, each taking permits for its domain as fast as it may for <see cref="Window"/>; the count per node.</summary>
    private static async Task<int[]> TakeAsync(DeliveryOptions options, string[] domains)
    {
        using var stores = await AudienceStores.CreateAsync();
        var nodes = domains.Select(_ => new Database(stores.Database.Options)).ToArray();
        try
        {
            var throttles = nodes.Select(node => new SendThrottle(Options.Create(options), TimeProvider.System, node)).ToArray();
            using var start = new Barrier(nodes.Length);
            var counts = await Task.WhenAll(throttles.Select((throttle, n) => Task.Run(async () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                using var stop = new CancellationTokenSource(Window);
                var clock = Stopwatch.StartNew();
                var taken = 0;
                try
                {
                    while (true)
                    {
                        await throttle.WaitAsync(domains[n], stop.Token);
                        if (clock.Elapsed >= Window) break;
                        taken++;
                    }
                }
                catch (OperationCanceledException) { }
                return taken;
            })));
            return counts;
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }
}
