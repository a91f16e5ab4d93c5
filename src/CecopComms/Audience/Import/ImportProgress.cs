namespace CecopComms.Audience.Import;

/// <summary>How far an import is; reported at most about ten times a second, and once at the end.</summary>
/// <param name="RowsRead">Data rows read from the file so far (header and blank lines not counted).</param>
/// <param name="RowsImported">Rows committed (or, in a dry run, checked): inserted, updated or unchanged.</param>
/// <param name="RowsRejected">Rows written to the error report.</param>
/// <param name="RowsPerSecond">Rows read per second since the start.</param>
public sealed record ImportProgress(long RowsRead, long RowsImported, long RowsRejected, double RowsPerSecond);
