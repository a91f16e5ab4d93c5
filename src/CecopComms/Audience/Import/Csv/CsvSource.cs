namespace CecopComms.Audience.Import.Csv;

/// <summary>An open import file: its header row, its delimiter, and a reader positioned on the first data record.</summary>
internal sealed class CsvSource : IDisposable
{
    private readonly Utf8LineReader _lines;

    private CsvSource(string path, Utf8LineReader lines, CsvRecordReader records, IReadOnlyList<string> header, long headerLine)
    {
        FileName = Path.GetFileName(path);
        _lines = lines;
        Records = records;
        Header = header;
        HeaderLine = headerLine;
    }

    /// <summary>The file's name without its folder: the consent channel and the name used in messages.</summary>
    public string FileName { get; }

    /// <summary>The header row's names, trimmed.</summary>
    public IReadOnlyList<string> Header { get; }

    public long HeaderLine { get; }

    public CsvRecordReader Records { get; }

    /// <summary>Opens the file and reads its header row.</summary>
    /// <exception cref="ImportException">The file is missing, unreadable, UTF-16, empty, or its header row is broken.</exception>
    public static CsvSource Open(string path)
    {
        var name = Path.GetFileName(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImportException($"The file '{path}' does not exist.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportException($"The file '{path}' cannot be read: {e.Message}", e);
        }

        try
        {
            Span<byte> start = stackalloc byte[2];
            var got = stream.ReadAtLeast(start, 2, throwOnEndOfStream: false);
            if (got == 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF)))
                throw new ImportException($"The file '{name}' is UTF-16; save it as UTF-8 (Excel: \"CSV UTF-8\") and import it again.");
            stream.Position = 0;

            var lines = new Utf8LineReader(stream);
            PhysicalLine first;
            do
            {
                if (!lines.TryRead(out first))
                    throw new ImportException($"The file '{name}' is empty: it needs a header row naming its columns.");
            } while (first.Problem is null && string.IsNullOrWhiteSpace(first.Text));
            if (first.Problem is not null)
                throw new ImportException($"The header row of '{name}' (line {first.Number}) cannot be read: {first.Problem}.");

            var records = new CsvRecordReader(lines, new FieldSplitter(FieldSplitter.Detect(first.Text)));
            records.Unread(first);
            records.TryRead(out var header);
            if (header.Problem is not null)
                throw new ImportException($"The header row of '{name}' (line {header.Line}) cannot be read: {header.Problem}.");
            records.ExpectedFields = header.Fields.Count;
            return new CsvSource(path, lines, records, header.Fields.Select(f => f.Trim()).ToArray(), header.Line);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public void Dispose() => _lines.Dispose();
}
