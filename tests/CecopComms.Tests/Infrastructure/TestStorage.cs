using CecopComms.Storage;
using CecopComms.Tests.Peers;
using Npgsql;

namespace CecopComms.Tests.Infrastructure;

/// <summary>
/// Which database the suite runs on: SQLite files (the default) or, with CECOP_TEST_STORAGE=postgres, one PostgreSQL
/// cluster started for the whole run. On PostgreSQL every workspace gets a database of its own, copied from a template
/// migrated once, and dropped when the workspace goes.
/// </summary>
public static class TestStorage
{
    public const string Variable = "CECOP_TEST_STORAGE";

    /// <summary>The token secret every workspace on PostgreSQL sets (several nodes must share one; tests use this one).</summary>
    public const string TokenSecret = "Y2Vjb3AtdGVzdC1zdWl0ZS10b2tlbi1zZWNyZXQtMzItYnl0ZXMhIQ==";

    private const string Template = "cecop_template";

    public static bool IsPostgres { get; } = string.Equals(Environment.GetEnvironmentVariable(Variable), "postgres", StringComparison.OrdinalIgnoreCase);

    private static readonly Lazy<PostgresServer> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);

    private static PostgresServer StartServer()
    {
        var server = PostgresServer.StartAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        server.CreateDatabaseAsync(Template).GetAwaiter().GetResult();
        var database = new Database(new StorageOptions { Provider = "postgres", ConnectionString = server.ConnectionString(Template) });
        new Migrator(database, TimeProvider.System).MigrateAsync().GetAwaiter().GetResult();
        // A template nobody is connected to can be copied.
        database.Dispose();
        NpgsqlConnection.ClearAllPools();
        return server;
    }

    /// <summary>A new database for a workspace on the shared server: its connection string.</summary>
    public static string CreateDatabase(string name) => Server.Value.CreateDatabaseAsync(name, Template).GetAwaiter().GetResult();

    /// <summary>Drops a workspace's database, whoever is still connected to it.</summary>
    public static void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        // Npgsql's asynchronous calls, waited on: its synchronous reads time out in the date runs, where libfaketime
        // shifts the test host's wall clock (see SettingsStore.Load).
        using var connection = new NpgsqlConnection(Server.Value.ConnectionString());
        connection.OpenAsync().GetAwaiter().GetResult();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        command.ExecuteNonQueryAsync().GetAwaiter().GetResult();
    }
}

/// <summary>A test that only means something on SQLite (it looks at the database file): skipped on PostgreSQL.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestStorage.IsPostgres) Skip = "Looks at the SQLite file; the suite runs on PostgreSQL.";
    }
}
