using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CecopComms.Storage;

/// <summary>
/// Opens connections to the application's database and knows its SQL dialect. Callers never build
/// connection strings themselves, so a second dialect (PostgreSQL) only changes this room.
/// </summary>
public sealed class Database
{
    private readonly string _connectionString;

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
        var full = System.IO.Path.GetFullPath(options.Path);
        var folder = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        FilePath = full;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The dialect folder name under Storage/Sql and Storage/Migrations.</summary>
    public string Dialect => "sqlite";

    /// <summary>Absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Opens a connection with WAL journaling, foreign keys on and a busy timeout.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
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
}
