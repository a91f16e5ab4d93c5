using CecopComms.Storage;
using CecopComms.Tests.Peers;
using Dapper;
using Npgsql;

namespace CecopComms.Tests.Storage;

/// <summary>The migrator on PostgreSQL: nodes that start together migrate once, and the schema has the real types.</summary>
public sealed class PostgresMigratorTests : IAsyncLifetime
{
    private PostgresServer _server = null!;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Three_nodes_starting_together_apply_each_migration_once_under_the_advisory_lock()
    {
        var connectionString = await _server.CreateDatabaseAsync("nodes");
        var nodes = Enumerable.Range(0, 3).Select(_ => new Database(new StorageOptions { Provider = "postgres", ConnectionString = connectionString })).ToList();
        try
        {
            using var start = new Barrier(nodes.Count);
            var ran = await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await new Migrator(node, TimeProvider.System).MigrateAsync();
            })));

            var available = new Migrator(nodes[0], TimeProvider.System).Available();
            Assert.True(available.Count >= 2);
            // One node did the work; the others waited on the lock and found nothing left.
            Assert.Equal(available.Count, ran.Sum());
            Assert.Equal(available.Count, ran.Max());
            await using var connection = await nodes[0].OpenAsync();
            Assert.Equal(available.Select(a => a.Number), await connection.QueryAsync<int>("SELECT number FROM schema_migrations ORDER BY number"));
            // Real types, and Quartz's tables from its own script.
            var types = (await connection.QueryAsync<(string Column, string Type)>(
                "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'")).ToDictionary(c => c.Column, c => c.Type);
            Assert.Equal("bigint", types["subscribers.id"]);
            Assert.Equal("timestamp with time zone", types["ledger.claim_until"]);
            Assert.Equal("boolean", types["lists.members_only"]);
            Assert.Equal("jsonb", types["subscribers.attributes"]);
            Assert.Equal("bytea", types["mailing_figures.people"]);
            Assert.Contains("qrtz_triggers.next_fire_time", types.Keys);
            Assert.Equal(0, await new Migrator(nodes[1], TimeProvider.System).MigrateAsync());
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }
}
