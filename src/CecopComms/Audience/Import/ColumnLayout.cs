using System.Text;

namespace CecopComms.Audience.Import;

/// <summary>
/// Which column of the file holds which field: a column map entry first, else a recognised header. Columns left over
/// are "extra" (subscribers keep them as free attributes); columns with an empty header or mapped to "-" are ignored.
/// </summary>
internal sealed class ColumnLayout
{
    public const string Ignore = "-";

    private readonly Dictionary<string, int> _index;

    private ColumnLayout(IReadOnlyList<string> header, Dictionary<string, int> index, IReadOnlyList<int> extra)
    {
        Header = header;
        _index = index;
        Extra = extra;
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Column indexes that no field claims, in file order.</summary>
    public IReadOnlyList<int> Extra { get; }

    /// <summary>The column of a field, or -1 when the file has none.</summary>
    public int IndexOf(string field) => _index.TryGetValue(field, out var i) ? i : -1;

    /// <summary>The header of a field's column (for the error report), or the field name when it has no column.</summary>
    public string ColumnOf(string field) => _index.TryGetValue(field, out var i) ? Header[i] : field;

    /// <exception cref="ImportException">A required column is missing, a map entry names an unknown column or field, or two columns claim one field.</exception>
    public static ColumnLayout Resolve(string fileName, IReadOnlyList<string> header, IReadOnlyList<ImportField> fields, IReadOnlyDictionary<string, string> map)
    {
        var byFold = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++) byFold.TryAdd(Fold(header[i]), i);
        var fieldsByName = fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var claimed = new HashSet<int>();

        foreach (var (theirs, target) in map)
        {
            var column = header.ToList().FindIndex(h => string.Equals(h, theirs.Trim(), StringComparison.OrdinalIgnoreCase));
            if (column < 0)
                throw new ImportException($"The column map names '{theirs}', which is not a column of '{fileName}' (its columns: {string.Join(", ", header)}).");
            claimed.Add(column);
            if (target.Trim() == Ignore) continue;
            if (!fieldsByName.TryGetValue(target.Trim(), out var field))
                throw new ImportException($"The column map sends '{theirs}' to '{target}', which is not a field (fields: {string.Join(", ", fields.Select(f => f.Name))}, or '-' to ignore the column).");
            if (!index.TryAdd(field.Name, column))
                throw new ImportException($"The column map sends both '{header[index[field.Name]]}' and '{theirs}' of '{fileName}' to {field.Name}.");
        }

        foreach (var field in fields)
        {
            if (index.ContainsKey(field.Name)) continue;
            var found = field.Headers.Select(h => byFold.GetValueOrDefault(Fold(h), -1)).Where(i => i >= 0 && !claimed.Contains(i)).Distinct().ToList();
            if (found.Count > 1)
                throw new ImportException($"The file '{fileName}' has two columns for {field.Name} ('{header[found[0]]}' and '{header[found[1]]}'); map one of them with \"{header[found[1]]}=-\".");
            if (found.Count == 1) { index[field.Name] = found[0]; claimed.Add(found[0]); }
            else if (field.Required)
                throw new ImportException($"The file '{fileName}' has no {field.Name} column (recognised headers: {string.Join(", ", field.Headers)}); name the column that holds it with a column map \"Their Header={field.Name}\".");
        }

        // The column an error report adds is not data: a corrected report imports as the original file would.
        var extra = Enumerable.Range(0, header.Count).Where(i => !claimed.Contains(i) && header[i].Length > 0 && header[i] != ErrorReport.ReasonColumn).ToList();
        return new ColumnLayout(header, index, extra);
    }

    private static string Fold(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in header)
            if (c is not (' ' or '-' or '_' or '.')) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }
}
