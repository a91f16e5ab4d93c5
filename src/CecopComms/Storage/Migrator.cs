using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;

namespace CecopComms.Storage;

/// <summary>
/// Applies the numbered migrations embedded under Storage/Migrations/{dialect}/NNNN_name.sql, each in its own
/// transaction, and records them in schema_migrations. Safe to run at every start, and on PostgreSQL safe to run from
/// several nodes starting together: a session advisory lock lets one migrate while the others wait, then find nothing
/// left to do.
/// </summary>
/// <remarks>
/// A migration whose text is a line <c>-- include: RESOURCE</c> runs a SQL script another assembly embeds (Quartz's own
/// schema for its job store), with its table prefix placeholder filled in.
/// </remarks>
public sealed partial class Migrator(Database database, TimeProvider time)
{
    /// <summary>The advisory lock key of migrations on PostgreSQL (any constant the application uses for nothing else).</summary>
    public const long AdvisoryLockKey = 0x0CEC0_0001;

    /// <summary>The prefix of Quartz's tables.</summary>
    public const string QuartzTablePrefix = "QRTZ_";

    [GeneratedRegex(@"\.Migrations\.(?<dialect>\w+)\._?(?<number>\d{4})_(?<name>[\w]+)\.sql$")]
    private static partial Regex ResourceName();

    [GeneratedRegex(@"^\s*--\s*include:\s*(?<resource>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Include();

    /// <summary>Migrations embedded in the assembly for this dialect, in order.</summary>
    public IReadOnlyList<(int Number, string Name, string Resource)> Available()
    {
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Select(r => (Resource: r, Match: ResourceName().Match(r)))
            .Where(x => x.Match.Success && x.Match.Groups["dialect"].Value == database.Dialect)
            .Select(x => (int.Parse(x.Match.Groups["number"].Value), x.Match.Groups["name"].Value, x.Resource))
            .OrderBy(x => x.Item1)
            .ToList();
    }

    /// <summary>Applies every migration not yet applied; returns how many ran.</summary>
    /// <exception cref="DbException">A migration failed; its transaction is rolled back.</exception>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.IsPostgres)
        {
            // Held until released below or the session ends (a node killed while migrating frees it).
            await Execute(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        }
        try
        {
            return await MigrateLockedAsync(connection, cancellationToken);
        }
        finally
        {
            if (database.IsPostgres)
                await Execute(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private async Task<int> MigrateLockedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await Execute(connection, null, database.IsPostgres
            ? "CREATE TABLE IF NOT EXISTS schema_migrations (number integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)"
            : "CREATE TABLE IF NOT EXISTS schema_migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", cancellationToken);
        var applied = new HashSet<int>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT number FROM schema_migrations";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetInt32(0));
        }

        var ran = 0;
        foreach (var (number, name, resource) in Available())
        {
            if (applied.Contains(number)) continue;
            var sql = Resolve(ReadResource(typeof(Migrator).Assembly, resource));
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await Execute(connection, tx, sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = tx;
                record.CommandText = "INSERT INTO schema_migrations (number, name, applied_at) VALUES (@n, @name, @at)";
                AddParameter(record, "@n", number);
                AddParameter(record, "@name", name);
                var at = time.GetUtcNow();
                AddParameter(record, "@at", database.IsPostgres ? at.UtcDateTime : DbTime.ToText(at));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            ran++;
        }
        return ran;
    }

    /// <summary>A migration's SQL, with an include replaced by the script it names.</summary>
    /// <exception cref="InvalidOperationException">The included script is not embedded where the migration says.</exception>
    private static string Resolve(string migration)
    {
        if (Include().Match(migration) is not { Success: true } include) return migration;
        var resource = include.Groups["resource"].Value;
        var assembly = AppDomain.CurrentDomain.GetAssemblies().Append(typeof(Quartz.IScheduler).Assembly)
            .FirstOrDefault(a => !a.IsDynamic && a.GetManifestResourceNames().Contains(resource))
            ?? throw new InvalidOperationException($"The migration includes {resource}, which no loaded assembly embeds.");
        // Quartz's scripts name tables {0} (the prefix) and indexes {1} (the prefix without a schema): both are ours.
        return ReadResource(assembly, resource).Replace("{0}", QuartzTablePrefix, StringComparison.Ordinal).Replace("{1}", QuartzTablePrefix, StringComparison.Ordinal);
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task Execute(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
