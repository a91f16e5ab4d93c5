namespace CecopComms.Audience.Import.Csv;

/// <summary>
/// One record of the file: the physical line it starts on, its raw text, and either its fields or the reason it could
/// not be read (bad encoding, broken quoting, wrong number of fields).
/// </summary>
internal sealed record CsvRecord(long Line, string Raw, IReadOnlyList<string> Fields, string? Problem);
