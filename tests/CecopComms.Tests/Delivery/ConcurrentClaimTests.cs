using System.Collections.Concurrent;
using CecopComms.Delivery;
using CecopComms.Delivery.Bounces;
using CecopComms.Storage;
using CecopComms.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Options;

namespace CecopComms.Tests.Delivery;

/// <summary>
/// Several senders claiming from one ledger at the same moment, each through a database object and connection of its
/// own, as separate nodes would: every row is claimed by exactly one of them. On PostgreSQL the claims really run at once
/// (FOR UPDATE SKIP LOCKED); on SQLite they take turns as the single writer.
/// </summary>
public sealed class ConcurrentClaimTests
{
    private const int Rows = 30_000;
    private const int Batch = 200;

    // Long enough that no claim runs out while the test runs: a row taken over would be claimed twice on purpose.
    private static readonly LedgerClaims Terms = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));

    [Fact]
    public async Task Three_claimers_on_one_ledger_claim_every_row_exactly_once()
    {
        using var stores = await AudienceStores.CreateAsync();
        var mailingId = await LedgerAsync(stores.Database, Rows);

        var nodes = Enumerable.Range(0, 3).Select(_ => new Database(stores.Database.Options)).ToArray();
        try
        {
            var claimed = new ConcurrentDictionary<long, ConcurrentBag<int>>();
            var batches = new int[nodes.Length];
            using var start = new Barrier(nodes.Length);
            var claimers = nodes.Select((node, n) => Task.Run(async () =>
            {
                await using var session = await LedgerSession.OpenAsync(node, TimeProvider.System, mailingId,
                    new BounceRecorder(node, Options.Create(new BounceMailboxOptions())), $"node-{n}", Terms, CancellationToken.None);
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                while (true)
                {
                    var rows = await session.ClaimAsync(Batch, CancellationToken.None);
                    if (rows.Count == 0) return;
                    batches[n]++;
                    foreach (var row in rows) claimed.GetOrAdd(row.LedgerId, _ => []).Add(n);
                    // A sender works between claims. Without a pause, SQLite's one writer can take the lock again
                    // before the others' busy handlers retry, and one claimer takes every batch (seen on a loaded CI run).
                    await Task.Delay(1);
                }
            })).ToArray();
            await Task.WhenAll(claimers).WaitAsync(TimeSpan.FromMinutes(3));

            var twice = claimed.Where(c => c.Value.Count > 1).ToList();
            Assert.True(twice.Count == 0, $"{twice.Count} of {Rows} rows were claimed more than once.");
            Assert.Equal(Rows, claimed.Count);
            // The claimers took turns or ran together, but more than one of them got rows.
            Assert.True(batches.Count(b => b > 0) >= 2, $"Batches per claimer: {string.Join(", ", batches)}.");

            await using var connection = await stores.Database.OpenAsync();
            var left = await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM ledger WHERE mailing_id = @mailingId AND (status <> 'sending' OR claimed_by IS NULL)", new { mailingId });
            Assert.Equal(0, left);
            // What each claimer recorded is what the ledger says: the row is held under that claimer's claim.
            var owners = (await connection.QueryAsync<(long Id, string ClaimedBy)>(
                "SELECT id, claimed_by FROM ledger WHERE mailing_id = @mailingId", new { mailingId })).ToList();
            Assert.All(owners, o => Assert.StartsWith($"node-{claimed[o.Id].Single()}/", o.ClaimedBy));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    /// <summary>A running mailing with <paramref name="count"/> pending ledger rows, written in a few statements.</summary>
    private static async Task<long> LedgerAsync(Database database, int count)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        const string columns = "INSERT INTO subscribers (uuid, email, email_key, name, language, attributes, status, created_at, updated_at) ";
        const string values = "SELECT 'bulk-' || i, 'bulk' || i || '@members.example', 'bulk' || i || '@members.example', 'Bulk', 'en', '{}', 'active', " +
                              "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'";
        await connection.ExecuteAsync(database.IsPostgres
            ? columns + values + " FROM generate_series(0, @count - 1) AS i"
            : "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @count - 1) " + columns + values + " FROM n",
            new { count }, transaction);
        var now = DateTimeOffset.UtcNow;
        var id = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO mailings (source_kind, source_id, title, audience, status, created_at, updated_at) " +
            "VALUES ('edition', 1, 'Claims', 'list:external-newsletter', 'running', @now, @now) RETURNING id", new { now }, transaction);
        await connection.ExecuteAsync("INSERT INTO ledger (mailing_id, subscriber_id, status, updated_at) SELECT @id, id, 'pending', @now FROM subscribers WHERE uuid LIKE 'bulk-%'",
            new { id, now }, transaction);
        await transaction.CommitAsync();
        return id;
    }
}
