using System.Globalization;
using System.Text;
using CsvHelper;

namespace CecopComms.Audience.Import;

/// <summary>
/// Writes refused rows as CSV (line, column, reason, row), UTF-8 with a byte order mark so spreadsheet programs read
/// accents right. Rows are written as they are found, so the report never sits in memory.
/// </summary>
internal sealed class ErrorReport : IAsyncDisposable
{
    private readonly CsvWriter? _csv;

    private ErrorReport(CsvWriter? csv, string? path)
    {
        _csv = csv;
        Path = path;
    }

    /// <summary>The report's path, or null when none is written.</summary>
    public string? Path { get; }

    /// <exception cref="ImportException">The report file cannot be created.</exception>
    public static ErrorReport Create(string? path)
    {
        if (path is null) return new ErrorReport(null, null);
        try
        {
            var full = System.IO.Path.GetFullPath(path);
            var folder = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            var writer = new StreamWriter(full, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            var csv = CsvWriter.Create(writer, Csv.SpreadsheetCsv.Options);
            foreach (var heading in new[] { "line", "column", "reason", "row" }) csv.WriteField(heading);
            csv.EndRecord();
            return new ErrorReport(csv, full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportException($"The error report '{path}' cannot be written: {e.Message}", e);
        }
    }

    public void Write(IEnumerable<RowError> errors)
    {
        if (_csv is null) return;
        foreach (var error in errors)
        {
            _csv.WriteField(error.Line.ToString(CultureInfo.InvariantCulture));
            _csv.WriteField(error.Column);
            _csv.WriteField(error.Reason);
            _csv.WriteField(error.Raw);
            _csv.EndRecord();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_csv is not null) await _csv.DisposeAsync();
    }
}
