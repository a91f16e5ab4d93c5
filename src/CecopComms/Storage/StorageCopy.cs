using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace CecopComms.Storage;

/// <summary>What <see cref="StorageCopy"/> is doing: the table, rows copied of it so far, and its total.</summary>
public sealed record StorageCopyProgress(string Table, long Copied, long Total);

/// <summary>One table of a finished copy: rows in the source's snapshot, and rows counted in the target afterwards.</summary>
public sealed record CopiedTable(string Table, long Source, long Target);

/// <summary>The copy was refused or failed; nothing was written to the target.</summary>
public sealed class StorageCopyException(string message, Exception? inner = null) : Exception(message, inner), Hosting.IUserError;

/// <summary>
/// Copies a SQLite deployment into an empty PostgreSQL database: the move from one machine to several nodes. The
/// source may keep running: everything is read in one SQLite read transaction, which in WAL mode is a consistent
/// snapshot while the sender and the web keep writing. The target is migrated first, and the whole copy is one
/// PostgreSQL transaction, so a failure leaves it as it was. Values are converted to the target's real types (text times
/// to timestamptz, 0/1 to boolean, JSON text to jsonb, blobs to bytea) and written with binary COPY; identity counters
/// are moved past the copied ids, and every table's rows are counted on both sides at the end.
/// </summary>
/// <remarks>
/// Quartz's tables are copied too (jobs, triggers and their next fire times), except a node's check-ins, its fired
/// triggers and its locks, which belong to the running SQLite scheduler and which a PostgreSQL node makes afresh.
/// </remarks>
public sealed class StorageCopy(Database source, TimeProvider time)
{
    /// <summary>Tables a fresh migration fills with CECOP's defaults (and the settings' revision counter); the source's rows replace them.</summary>
    private static readonly HashSet<string> Seeded = ["lists", "publications", "channels", "settings_revision"];

    /// <summary>Quartz's per-node bookkeeping, never copied.</summary>
    private static readonly HashSet<string> NodeState = ["qrtz_scheduler_state", "qrtz_fired_triggers", "qrtz_locks"];

    /// <exception cref="StorageCopyException">The source is not SQLite, the target is not empty or cannot be reached, or a count differs.</exception>
    public async Task<IReadOnlyList<CopiedTable>> CopyAsync(string targetConnectionString, IProgress<StorageCopyProgress>? progress, CancellationToken cancellationToken)
    {
        if (source.IsPostgres) throw new StorageCopyException("The configured database is already PostgreSQL: `storage copy` moves a SQLite deployment (Storage:Provider 'sqlite') into PostgreSQL.");
        if (!File.Exists(source.FilePath)) throw new StorageCopyException($"There is no SQLite database at {source.FilePath} to copy.");
        await new Migrator(source, time).MigrateAsync(cancellationToken);

        NpgsqlConnectionStringBuilder builder;
        try { builder = new NpgsqlConnectionStringBuilder(targetConnectionString); }
        catch (ArgumentException e) { throw new StorageCopyException($"--to is not a PostgreSQL connection string: {e.Message}"); }

        await using var target = new Database(new StorageOptions { Provider = "postgres", ConnectionString = builder.ConnectionString });
        try
        {
            await new Migrator(target, time).MigrateAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new StorageCopyException($"The PostgreSQL database could not be prepared ({target.Description}): {e.Message}", e);
        }

        await using var from = (SqliteConnection)await source.OpenAsync(cancellationToken);
        // Deferred: the snapshot starts at the first read and holds until the end, while others keep writing.
        await using var snapshot = from.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: true);
        await using var to = (NpgsqlConnection)await target.OpenAsync(cancellationToken);
        await using var write = await to.BeginTransactionAsync(cancellationToken);

        var sourceTables = await SourceTablesAsync(from, snapshot, cancellationToken);
        var tables = (await TargetTablesAsync(to, cancellationToken))
            .Where(t => sourceTables.ContainsKey(t.Name) && !NodeState.Contains(t.Name))
            .ToList();
        await RefuseUnlessEmptyAsync(to, tables, cancellationToken);
        foreach (var table in Enumerable.Reverse(tables).Where(t => Seeded.Contains(t.Name)))
            await ExecuteAsync(to, $"DELETE FROM {table.Name}", cancellationToken);

        var counts = new List<CopiedTable>();
        foreach (var table in tables)
        {
            var sourceName = sourceTables[table.Name];
            var total = await CountAsync(from, snapshot, sourceName, cancellationToken);
            progress?.Report(new StorageCopyProgress(table.Name, 0, total));
            await CopyTableAsync(from, snapshot, sourceName, to, table, total, progress, cancellationToken);
            if (table.Identity is { } identity)
                await ExecuteAsync(to, $"SELECT setval(pg_get_serial_sequence('{table.Name}', '{identity}'), coalesce((SELECT max({identity}) FROM {table.Name}), 0) + 1, false)", cancellationToken);
            var copied = await ScalarAsync(to, $"SELECT count(*) FROM {table.Name}", cancellationToken);
            counts.Add(new CopiedTable(table.Name, total, copied));
        }
        if (counts.FirstOrDefault(c => c.Source != c.Target) is { } differs)
            throw new StorageCopyException($"The copy of {differs.Table} holds {differs.Target:N0} rows where the source has {differs.Source:N0}; nothing was kept in PostgreSQL.");
        await write.CommitAsync(cancellationToken);
        return counts;
    }

    private sealed record TargetTable(string Name, IReadOnlyList<TargetColumn> Columns, string? Identity);

    private sealed record TargetColumn(string Name, string Type);

    /// <summary>The target's base tables with their columns, parents before children (foreign keys), migrations' own table left out.</summary>
    private static async Task<IReadOnlyList<TargetTable>> TargetTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<string, List<TargetColumn>>(StringComparer.Ordinal);
        var identities = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            """
            SELECT c.table_name, c.column_name, c.udt_name, c.is_identity
            FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_migrations'
            ORDER BY c.table_name, c.ordinal_position
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var table = reader.GetString(0);
                if (!columns.TryGetValue(table, out var list)) columns[table] = list = [];
                list.Add(new TargetColumn(reader.GetString(1), reader.GetString(2)));
                if (reader.GetString(3) == "YES") identities[table] = reader.GetString(1);
            }
        }
        var parents = columns.Keys.ToDictionary(t => t, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            """
            SELECT child.relname, parent.relname FROM pg_constraint k
            JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
            WHERE k.contype = 'f' AND child.relnamespace = current_schema()::regnamespace
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                if (parents.TryGetValue(reader.GetString(0), out var of) && reader.GetString(0) != reader.GetString(1)) of.Add(reader.GetString(1));
        }
        var ordered = new List<TargetTable>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < columns.Count)
        {
            var ready = columns.Keys.Where(t => !placed.Contains(t) && parents[t].All(placed.Contains)).OrderBy(t => t, StringComparer.Ordinal).ToList();
            if (ready.Count == 0) throw new InvalidOperationException("The PostgreSQL schema's foreign keys form a cycle.");
            foreach (var t in ready)
            {
                placed.Add(t);
                ordered.Add(new TargetTable(t, columns[t], identities.GetValueOrDefault(t)));
            }
        }
        return ordered;
    }

    /// <summary>The source's tables by their lower-cased name (Quartz's are QRTZ_ in capitals on SQLite).</summary>
    private static async Task<Dictionary<string, string>> SourceTablesAsync(SqliteConnection connection, SqliteTransaction snapshot, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) names[reader.GetString(0).ToLowerInvariant()] = reader.GetString(0);
        return names;
    }

    private static async Task RefuseUnlessEmptyAsync(NpgsqlConnection connection, IReadOnlyList<TargetTable> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables.Where(t => !Seeded.Contains(t.Name)))
        {
            if (await ScalarAsync(connection, $"SELECT count(*) FROM (SELECT 1 FROM {table.Name} LIMIT 1) x", cancellationToken) > 0)
                throw new StorageCopyException($"The PostgreSQL database is not empty: its table {table.Name} has rows. Copy into a new, empty database.");
        }
    }

    private static async Task CopyTableAsync(SqliteConnection from, SqliteTransaction snapshot, string sourceName, NpgsqlConnection to, TargetTable table,
        long total, IProgress<StorageCopyProgress>? progress, CancellationToken cancellationToken)
    {
        await using var read = from.CreateCommand();
        read.Transaction = snapshot;
        var sourceColumns = await SourceColumnsAsync(from, snapshot, sourceName, cancellationToken);
        var columns = table.Columns.Where(c => sourceColumns.ContainsKey(c.Name)).ToList();
        read.CommandText = $"SELECT {string.Join(", ", columns.Select(c => "\"" + sourceColumns[c.Name] + "\""))} FROM \"{sourceName}\"";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await using var writer = await to.BeginBinaryImportAsync(
            $"COPY {table.Name} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long copied = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await writer.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                if (await reader.IsDBNullAsync(i, cancellationToken)) await writer.WriteNullAsync(cancellationToken);
                else await WriteValueAsync(writer, reader.GetValue(i), columns[i], table.Name, cancellationToken);
            }
            if (++copied % 5_000 == 0) progress?.Report(new StorageCopyProgress(table.Name, copied, total));
        }
        await writer.CompleteAsync(cancellationToken);
        progress?.Report(new StorageCopyProgress(table.Name, copied, total));
    }

    /// <summary>A source column's value in the target column's type.</summary>
    private static Task WriteValueAsync(NpgsqlBinaryImporter writer, object value, TargetColumn column, string table, CancellationToken cancellationToken)
    {
        try
        {
            return column.Type switch
            {
                "timestamptz" => writer.WriteAsync(value is string text ? DbTime.Parse(text).UtcDateTime : Convert.ToDateTime(value, CultureInfo.InvariantCulture).ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken),
                "bool" => writer.WriteAsync(value is string b ? b == "1" || b.Equals("true", StringComparison.OrdinalIgnoreCase) : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0, NpgsqlDbType.Boolean, cancellationToken),
                "jsonb" => writer.WriteAsync(Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Jsonb, cancellationToken),
                "bytea" => writer.WriteAsync(value as byte[] ?? System.Text.Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture)!), NpgsqlDbType.Bytea, cancellationToken),
                "int8" => writer.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken),
                "int4" => writer.WriteAsync(Convert.ToInt32(value, CultureInfo.InvariantCulture), NpgsqlDbType.Integer, cancellationToken),
                "int2" => writer.WriteAsync(Convert.ToInt16(value, CultureInfo.InvariantCulture), NpgsqlDbType.Smallint, cancellationToken),
                "float8" or "numeric" => writer.WriteAsync(Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlDbType.Double, cancellationToken),
                "varchar" => writer.WriteAsync(Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Varchar, cancellationToken),
                _ => writer.WriteAsync(Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text, cancellationToken),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new StorageCopyException($"{table}.{column.Name} holds '{value}', which is not a {column.Type}; nothing was kept in PostgreSQL.", e);
        }
    }

    /// <summary>The source table's columns by lower-cased name.</summary>
    private static async Task<Dictionary<string, string>> SourceColumnsAsync(SqliteConnection connection, SqliteTransaction snapshot, string table, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = "SELECT name FROM pragma_table_info($table)";
        command.Parameters.AddWithValue("$table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) names[reader.GetString(0).ToLowerInvariant()] = reader.GetString(0);
        return names;
    }

    private static async Task<long> CountAsync(SqliteConnection connection, SqliteTransaction snapshot, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
