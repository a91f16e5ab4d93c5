using CecopComms.Storage;
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
        var migrator = new Migrator(database);

        var ran = await migrator.MigrateAsync();

        Assert.True(File.Exists(database.FilePath));
        Assert.Equal(migrator.Available().Count, ran);
        Assert.Contains(migrator.Available(), m => m.Number == 1 && m.Name == "audiences");
        await using var connection = await database.OpenAsync();
        Assert.Equal("wal", await Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal(1L, await Scalar(connection, "PRAGMA foreign_keys"));
        Assert.Equal("cecop-link:private:1:0,external-newsletter:public:0:1",
            await Scalar(connection, "SELECT group_concat(slug || ':' || visibility || ':' || members_only || ':' || double_opt_in, ',') FROM (SELECT * FROM lists ORDER BY id)"));
    }

    [Fact]
    public async Task Running_migrations_again_applies_nothing_and_keeps_data()
    {
        var database = new Database(new StorageOptions { Path = Path.Combine(_folder, "cecop.db") });
        await new Migrator(database).MigrateAsync();

        var second = await new Migrator(database).MigrateAsync();

        Assert.Equal(0, second);
        await using var connection = await database.OpenAsync();
        Assert.Equal(2L, await Scalar(connection, "SELECT COUNT(*) FROM lists"));
    }

    private static async Task<object?> Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
