using CecopComms.Tests.Peers;
using Npgsql;

namespace CecopComms.Tests.Storage;

/// <summary>The PostgreSQL peer: a cluster of its own on 127.0.0.1, and databases copied from a template.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_cluster_of_its_own_listens_on_the_loopback_only_and_copies_a_template_database()
    {
        await using var server = await PostgresServer.StartAsync();
        var template = await server.CreateDatabaseAsync("template_cecop");
        await using (var connection = new NpgsqlConnection(template))
        {
            await connection.OpenAsync();
            Assert.StartsWith("15", connection.ServerVersion);
            await using var command = new NpgsqlCommand(
                "CREATE TABLE lists (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, slug text NOT NULL UNIQUE); INSERT INTO lists (slug) VALUES ('cecop-link');" +
                "SELECT current_setting('listen_addresses')", connection);
            Assert.Equal("127.0.0.1", await command.ExecuteScalarAsync());
        }

        var copy = await server.CreateDatabaseAsync("workspace_1", "template_cecop");

        await using var copied = new NpgsqlConnection(copy);
        await copied.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT slug FROM lists", copied);
        Assert.Equal("cecop-link", await read.ExecuteScalarAsync());
    }
}
