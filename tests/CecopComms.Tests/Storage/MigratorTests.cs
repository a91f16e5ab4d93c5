using CecopComms.Storage;
using CecopComms.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CecopComms.Tests.Storage;

public sealed class MigratorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cecop-migrator-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_new_database_file_is_created_with_every_migration_and_the_two_lists()
    {
        var database = new Database(new StorageOptions { Path = Path.Combine(_folder, "sub", "cecop.db") });
        var migrator = new Migrator(database, TestClocks.At());

        var ran = await migrator.MigrateAsync();

        Assert.True(File.Exists(database.FilePath));
        Assert.Equal(migrator.Available().Count, ran);
        Assert.Contains(migrator.Available(), m => m.Number == 1 && m.Name == "audiences");
        await using var connection = await database.OpenAsync();
        Assert.Equal("wal", await Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal(DbTime.ToText(TestClocks.Scenario), await Scalar(connection, "SELECT max(applied_at) FROM schema_migrations"));
        Assert.Equal(1L, await Scalar(connection, "PRAGMA foreign_keys"));
        Assert.Equal("cecop-link:private:1:0,external-newsletter:public:0:1",
            await Scalar(connection, "SELECT group_concat(slug || ':' || visibility || ':' || members_only || ':' || double_opt_in, ',') FROM (SELECT * FROM lists ORDER BY id)"));
    }

    [Fact]
    public async Task Running_migrations_again_applies_nothing_and_keeps_data()
    {
        var database = new Database(new StorageOptions { Path = Path.Combine(_folder, "cecop.db") });
        await new Migrator(database, TestClocks.At()).MigrateAsync();

        var second = await new Migrator(database, TestClocks.At()).MigrateAsync();

        Assert.Equal(0, second);
        await using var connection = await database.OpenAsync();
        Assert.Equal(2L, await Scalar(connection, "SELECT COUNT(*) FROM lists"));
    }

    [Fact]
    public async Task The_one_mailing_per_edition_migration_upgrades_a_database_that_already_sent_an_edition_twice()
    {
        var database = new Database(new StorageOptions { Path = Path.Combine(_folder, "cecop.db") });
        await new Migrator(database, TestClocks.At()).MigrateAsync();
        await using (var connection = await database.OpenAsync())
        {
            // The state before migration 0033: two finished sends of edition 1, and a second send of edition 2 still running.
            await Execute(connection, """
                DROP INDEX mailings_one_live_per_source;
                DELETE FROM schema_migrations WHERE number = 33;
                INSERT INTO mailings (id, source_kind, source_id, title, audience, status, created_at, updated_at) VALUES
                  (1, 'edition', 1, 'CECOP Link #6 - 2021', 'list:cecop-link', 'finished', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
                  (2, 'edition', 1, 'CECOP Link #6 - 2021', 'list:cecop-link', 'finished', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z'),
                  (3, 'edition', 2, 'CECOP Newsletter #1 - 2021', 'list:external-newsletter', 'finished', '2026-01-03T00:00:00.000Z', '2026-01-03T00:00:00.000Z'),
                  (4, 'edition', 2, 'CECOP Newsletter #1 - 2021', 'list:external-newsletter', 'running', '2026-01-04T00:00:00.000Z', '2026-01-04T00:00:00.000Z');
                """);
        }

        var ran = await new Migrator(database, TestClocks.At()).MigrateAsync();

        Assert.Equal(1, ran);
        await using var after = await database.OpenAsync();
        Assert.Equal("1:finished,2:finished,3:finished,4:cancelled", await Scalar(after, "SELECT group_concat(id || ':' || status, ',') FROM (SELECT * FROM mailings ORDER BY id)"));
        Assert.Contains("Cancelled by the upgrade", (string)(await Scalar(after, "SELECT status_reason FROM mailings WHERE id = 4"))!);
        Assert.Equal(1L, await Scalar(after, "SELECT count(*) FROM sqlite_master WHERE name = 'mailings_one_live_per_source'"));
    }

    private static async Task Execute(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
