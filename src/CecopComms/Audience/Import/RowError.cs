namespace CecopComms.Audience.Import;

/// <summary>A refused row: its physical line (header = 1), the column at fault (empty for the whole row), why, and its raw text.</summary>
internal sealed record RowError(long Line, string Column, string Reason, string Raw);
