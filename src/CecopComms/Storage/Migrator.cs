using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;

namespace CecopComms.Storage;

/// <summary>
/// Applies the numbered migrations embedded under Storage/Migrations/{dialect}/NNNN_name.sql, each in
/// its own transaction, and records them in schema_migrations. Safe to run at every start.
/// </summary>
public sealed partial class Migrator(Database database, TimeProvider time)
{
    [GeneratedRegex(@"\.Migrations\.(?<dialect>\w+)\._?(?<number>\d{4})_(?<name>[\w]+)\.sql$")]
    private static partial Regex ResourceName();

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
        await Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", cancellationToken);
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
            var sql = ReadResource(resource);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await Execute(connection, tx, sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = tx;
                record.CommandText = "INSERT INTO schema_migrations (number, name, applied_at) VALUES ($n, $name, $at)";
                AddParameter(record, "$n", number);
                AddParameter(record, "$name", name);
                AddParameter(record, "$at", DbTime.ToText(time.GetUtcNow()));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            ran++;
        }
        return ran;
    }

    private static string ReadResource(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
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
