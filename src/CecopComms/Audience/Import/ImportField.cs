namespace CecopComms.Audience.Import;

/// <summary>A field an importer understands, and the headers it recognises for it without a column map.</summary>
/// <param name="Name">The field name used in column maps ("email").</param>
/// <param name="Required">A file without this column cannot be imported.</param>
/// <param name="Headers">Recognised headers, compared case-insensitively ignoring spaces, '-' and '_'.</param>
internal sealed record ImportField(string Name, bool Required, params string[] Headers);
