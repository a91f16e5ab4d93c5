using System.Text;
using CecopComms.Audience.Import.Csv;
using CsvHelper;

namespace CecopComms.Audience.Import;

/// <summary>
/// Writes refused rows as CSV in the input's own shape: its delimiter, its header and each row's fields as read, with
/// one column added at the end, <see cref="ReasonColumn"/>, saying on which line and in which column the row failed and
/// why. So the officer can correct the rows in the report and import it again (the importers ignore that column).
/// UTF-8 with a byte order mark, so spreadsheet programs read accents right, and formula-like text escaped as every
/// export escapes it. A row that could not be split into the header's fields (broken quoting, a field too many) is
/// written as it was in its first cell. Rows are written as they are found, so the report never sits in memory; the
/// first <see cref="Kept"/> are also kept for the result page.
/// </summary>
internal sealed class ErrorReport : IAsyncDisposable
{
    /// <summary>The header of the column the report adds: line, column and reason of each refused row.</summary>
    public const string ReasonColumn = "import error";

    /// <summary>How many refused rows <see cref="First"/> keeps.</summary>
    public const int Kept = 1000;

    private readonly CsvWriter? _csv;
    private readonly int _width;
    private readonly int _keyColumn;
    private readonly FieldSplitter _splitter;
    private readonly List<string> _fields = [];
    private readonly List<RefusedRow> _first = [];

    private ErrorReport(CsvWriter? csv, string? path, int width, char delimiter, int keyColumn)
    {
        _csv = csv;
        Path = path;
        _width = width;
        _keyColumn = keyColumn;
        _splitter = new FieldSplitter(delimiter);
    }

    /// <summary>The report's path, or null when none is written.</summary>
    public string? Path { get; }

    /// <summary>The first <see cref="Kept"/> refused rows, in line order.</summary>
    public IReadOnlyList<RefusedRow> First => _first;

    /// <param name="path">Where to write the report; null writes none (the first rows are still kept).</param>
    /// <param name="header">The input's header row.</param>
    /// <param name="delimiter">The input's delimiter, as the importer detected it.</param>
    /// <param name="keyColumn">The column of the row's e-mail address or organisation name, or -1.</param>
    /// <exception cref="ImportException">The report file cannot be created.</exception>
    public static ErrorReport Create(string? path, IReadOnlyList<string> header, char delimiter, int keyColumn)
    {
        if (path is null) return new ErrorReport(null, null, header.Count, delimiter, keyColumn);
        try
        {
            var full = System.IO.Path.GetFullPath(path);
            var folder = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            var writer = new StreamWriter(full, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            var csv = CsvWriter.Create(writer, SpreadsheetCsv.Options with { Separator = delimiter });
            foreach (var heading in header) csv.WriteField(heading);
            csv.WriteField(ReasonColumn);
            csv.EndRecord();
            return new ErrorReport(csv, full, header.Count, delimiter, keyColumn);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportException($"The error report '{path}' cannot be written: {e.Message}", e);
        }
    }

    /// <summary>The report's text for a refused row: "line 7, country: the country … is not …".</summary>
    public static string Describe(long line, string column, string reason) =>
        column.Length == 0 ? $"line {line}: {reason}" : $"line {line}, {column}: {reason}";

    public void Write(IEnumerable<RowError> errors)
    {
        foreach (var error in errors)
        {
            var split = _splitter.Split(error.Raw, _fields, out _) == SplitOutcome.Complete && _fields.Count == _width;
            if (_first.Count < Kept)
                _first.Add(new RefusedRow(error.Line, split && _keyColumn >= 0 ? _fields[_keyColumn].Trim() : "", error.Column, error.Reason));
            if (_csv is null) continue;
            for (var i = 0; i < _width; i++) _csv.WriteField(split ? _fields[i] : i == 0 ? error.Raw : "");
            _csv.WriteField(Describe(error.Line, error.Column, error.Reason));
            _csv.EndRecord();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_csv is not null) await _csv.DisposeAsync();
    }
}
