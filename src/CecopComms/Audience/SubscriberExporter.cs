using CsvHelper;

namespace CecopComms.Audience;

/// <summary>
/// Writes a list's or segment's subscribers to a CSV file: a list's with each person's subscription status on it, a
/// segment's with the lists each person is confirmed on, the same columns as the segment's export from its admin page.
/// </summary>
public sealed class SubscriberExporter(AudienceResolver audiences)
{
    /// <summary>Returns how many subscribers were written.</summary>
    /// <exception cref="AudienceException">The audience does not exist.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public async Task<int> ExportAsync(string audienceReference, string path, CancellationToken cancellationToken)
    {
        var audience = await audiences.ResolveAsync(audienceReference, cancellationToken);
        var rows = await audiences.ExportRowsAsync(audience, cancellationToken);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        await using var csv = CsvWriter.ToFile(path, Import.Csv.SpreadsheetCsv.Options, FileOptions.None);
        var segment = audience.Segment is not null;
        csv.WriteHeader(segment ? ExportRow.SegmentHeader : ExportRow.Header);
        foreach (var row in rows) await csv.WriteRecordAsync(segment ? row.ToSegmentFields() : row.ToFields(), cancellationToken);
        return rows.Count;
    }
}
