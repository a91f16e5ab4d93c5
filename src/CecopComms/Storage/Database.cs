using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CecopComms.Storage;

/// <summary>
/// Opens connections to the application's database and knows its SQL dialect: an embedded SQLite file (the default,
/// one machine) or a PostgreSQL database that several nodes share. Callers never build connection strings themselves.
/// </summary>
public sealed class Database : IAsyncDisposable, IDisposable
{
    private readonly string? _sqliteConnectionString;
    private readonly NpgsqlDataSource? _postgres;

    // Dapper's mapping is process-wide: set it once, before any store runs a query.
    static Database()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new DbTimeTypeHandler());
    }

    public Database(StorageOptions options)
    {
        Options = options;
        if (options.IsPostgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            // Named for pg_stat_activity, so an operator sees which connections are the engine's.
            if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "cecop";
            _postgres = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
            FilesFolder = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(options.FilesPath) ? "data" : options.FilesPath);
            Description = $"PostgreSQL database {builder.Database} on {builder.Host}" + (builder.Port == 5432 ? "" : $":{builder.Port}");
            return;
        }
        var full = System.IO.Path.GetFullPath(options.Path);
        var folder = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        FilePath = full;
        FilesFolder = string.IsNullOrWhiteSpace(options.FilesPath) ? folder ?? Directory.GetCurrentDirectory() : System.IO.Path.GetFullPath(options.FilesPath);
        Description = "SQLite file " + full;
        _sqliteConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public StorageOptions Options { get; }

    /// <summary>The dialect folder name under Storage/Sql and Storage/Migrations: "sqlite" or "postgres".</summary>
    public string Dialect => _postgres is null ? "sqlite" : "postgres";

    public bool IsPostgres => _postgres is not null;

    /// <summary>Which database this is, for people: "SQLite file /srv/cecop/data/cecop.db", "PostgreSQL database cecop on db".</summary>
    public string Description { get; }

    /// <summary>Absolute path of the SQLite file.</summary>
    /// <exception cref="InvalidOperationException">The database is PostgreSQL, which has no file.</exception>
    public string FilePath
    {
        get => field ?? throw new InvalidOperationException("The database is PostgreSQL: it has no file.");
        private init;
    }

    /// <summary>Absolute path of the folder for files kept outside the database (Storage:FilesPath).</summary>
    public string FilesFolder { get; }

    /// <summary>The PostgreSQL connection string the data source uses (with its password), for Quartz's job store.</summary>
    /// <exception cref="InvalidOperationException">The database is SQLite.</exception>
    public string PostgresConnectionString =>
        _postgres?.ConnectionString ?? throw new InvalidOperationException("The database is SQLite.");

    /// <summary>
    /// Opens a connection. SQLite: WAL journaling, foreign keys on, a busy timeout and a Unicode lower(). PostgreSQL: a
    /// pooled connection from the data source.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null) return await _postgres.OpenConnectionAsync(cancellationToken);
        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        // SQLite's own lower() folds ASCII letters only, so "Ó" never matched "ó" in searches and segment filters. The
        // invariant culture's lower-casing (as PostgreSQL's lower() does) replaces it on every connection; no index is
        // built on lower(), so nothing stored depends on the built-in.
        connection.CreateFunction("lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
        return connection;
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => _postgres?.Dispose();
}
