namespace CecopComms.Audience.Import;

/// <summary>What to import and how.</summary>
/// <param name="FilePath">The CSV file (UTF-8 with or without BOM, ',' ';' or tab separated, header row first).</param>
/// <param name="ListSlug">Subscribers only: the list the rows are subscribed to; null imports the people without a subscription.</param>
/// <param name="ColumnMap">The file's header (case-insensitive) → field name ("email", "name", …), overriding the
/// recognised headers; "-" ignores a column.</param>
/// <param name="DryRun">Validate everything and write the error report, but change nothing.</param>
/// <param name="ErrorReportPath">Where to write the rejected rows as CSV (the input's delimiter, header and fields, and
/// a column saying on which line, in which column and why); null writes none.</param>
/// <param name="BatchSize">Rows per transaction; a crash leaves only whole batches behind.</param>
/// <param name="ConsentWordingVersion">Subscribers only: the consent wording version recorded for rows without a wording column.</param>
public sealed record ImportOptions(
    string FilePath,
    string? ListSlug,
    IReadOnlyDictionary<string, string> ColumnMap,
    bool DryRun,
    string? ErrorReportPath,
    int BatchSize = 5000,
    string? ConsentWordingVersion = null);
