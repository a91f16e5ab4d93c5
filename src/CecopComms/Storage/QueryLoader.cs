using System.Reflection;
using System.Text;

namespace CecopComms.Storage;

/// <summary>
/// Loads named SQL queries (listmonk style) from an embedded file Storage/Sql/{dialect}/{file}.sql into a
/// typed class: a block starting with "-- name: get-subscriber" fills the string property GetSubscriber.
/// A property without a query, or a query without a property, fails at start-up, not at first use.
/// </summary>
/// <remarks>
/// The SQLite file holds every query. Another dialect's file (Storage/Sql/postgres/{file}.sql) holds only the queries
/// whose text differs there, and replaces those; a file with nothing different is simply absent.
/// </remarks>
public static class QueryLoader
{
    /// <exception cref="InvalidOperationException">The file is missing, or names and properties do not match.</exception>
    public static T Load<T>(string dialect, string file) where T : new()
    {
        var queries = Parse(ReadResource(Base, file)!);
        if (dialect != Base && ReadResource(dialect, file) is { } overrides)
        {
            foreach (var (name, sql) in Parse(overrides))
            {
                if (!queries.ContainsKey(name))
                    throw new InvalidOperationException($"Storage/Sql/{dialect}/{file}.sql replaces '{name}', which Storage/Sql/{Base}/{file}.sql does not define.");
                queries[name] = sql;
            }
        }
        var target = new T();
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && p.CanWrite).ToList();
        var missing = new List<string>();
        foreach (var property in properties)
        {
            var name = ToKebab(property.Name);
            if (queries.Remove(name, out var sql)) property.SetValue(target, sql);
            else missing.Add(name);
        }
        if (missing.Count > 0 || queries.Count > 0)
        {
            var problems = new List<string>();
            if (missing.Count > 0) problems.Add($"missing queries: {string.Join(", ", missing)}");
            if (queries.Count > 0) problems.Add($"queries with no property on {typeof(T).Name}: {string.Join(", ", queries.Keys)}");
            throw new InvalidOperationException($"Storage/Sql/{dialect}/{file}.sql does not match {typeof(T).Name}: {string.Join("; ", problems)}.");
        }
        return target;
    }

    /// <summary>Splits a file into its named queries.</summary>
    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var body = new StringBuilder();
        void Flush()
        {
            if (current is null) return;
            if (!result.TryAdd(current, body.ToString().Trim()))
                throw new InvalidOperationException($"Query '{current}' is defined twice.");
            body.Clear();
        }
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r').Trim();
            if (trimmed.StartsWith("-- name:", StringComparison.Ordinal))
            {
                Flush();
                current = trimmed["-- name:".Length..].Trim();
                continue;
            }
            if (current is not null) body.AppendLine(line.TrimEnd('\r'));
        }
        Flush();
        return result;
    }

    private static string ToKebab(string pascal)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }

    /// <summary>The dialect whose files hold every query.</summary>
    private const string Base = "sqlite";

    /// <summary>The file's text; null for another dialect's file that is absent (nothing differs).</summary>
    private static string? ReadResource(string dialect, string file)
    {
        var assembly = typeof(QueryLoader).Assembly;
        var suffix = $".Storage.Sql.{dialect}.{file}.sql";
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(r => r.EndsWith(suffix, StringComparison.Ordinal));
        if (resource is null && dialect != Base) return null;
        if (resource is null)
            throw new InvalidOperationException($"Named query file Storage/Sql/{dialect}/{file}.sql is not embedded in {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
