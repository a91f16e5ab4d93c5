namespace CecopComms.Audience.Import;

/// <summary>What an import did. In a dry run the counts say what it would have done.</summary>
/// <param name="RowsRead">Data rows in the file (header and blank lines not counted).</param>
/// <param name="Inserted">New subscribers or organisations.</param>
/// <param name="Updated">Existing ones whose data changed, or (subscribers) who were newly subscribed or confirmed.</param>
/// <param name="Unchanged">Rows that matched what was stored already.</param>
/// <param name="Rejected">Rows refused, each with its line and reason in the error report.</param>
/// <param name="Repeated">Organisations: rows naming, with the same details, an organisation an earlier row of the file already
/// created or updated (a sheet with one row per contact); neither imported again nor refused.</param>
/// <param name="ErrorReportPath">The error report written, or null when none was asked for.</param>
/// <param name="Refused">The first refused rows (up to a thousand), in line order; the error report has them all.</param>
/// <param name="Elapsed">Wall time of the whole import.</param>
public sealed record ImportResult(long RowsRead, long Inserted, long Updated, long Unchanged, long Rejected, long Repeated, string? ErrorReportPath, IReadOnlyList<RefusedRow> Refused, TimeSpan Elapsed);
