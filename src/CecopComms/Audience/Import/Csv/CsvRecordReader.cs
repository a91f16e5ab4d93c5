namespace CecopComms.Audience.Import.Csv;

/// <summary>
/// Turns numbered lines into records. A quoted field may run over several lines, but a quote left open must not swallow
/// the rest of the file: if the record it starts does not close within <see cref="MaxLinesPerRecord"/> lines, or closes
/// with the wrong number of fields, only its first line is reported and reading resumes on the line after it.
/// </summary>
internal sealed class CsvRecordReader(Utf8LineReader lines, FieldSplitter splitter)
{
    public const int MaxLinesPerRecord = 20;

    private readonly LinkedList<PhysicalLine> _replay = new();
    private readonly List<PhysicalLine> _taken = new(MaxLinesPerRecord);
    private readonly List<string> _fields = new();

    /// <summary>How many fields a record must have; 0 accepts any number (for the header).</summary>
    public int ExpectedFields { get; set; }

    public char Delimiter => splitter.Delimiter;

    /// <summary>Reads the next non-blank record; false at the end of the file.</summary>
    public bool TryRead(out CsvRecord record)
    {
        while (Next(out var first))
        {
            if (first.Problem is not null) { record = new CsvRecord(first.Number, first.Text, [], first.Problem); return true; }
            if (string.IsNullOrWhiteSpace(first.Text)) continue;

            _taken.Clear();
            _taken.Add(first);
            var text = first.Text;
            var outcome = splitter.Split(text, _fields, out var problem);
            while (outcome == SplitOutcome.Unclosed && _taken.Count < MaxLinesPerRecord && Next(out var more))
            {
                _taken.Add(more);
                if (more.Problem is not null) break;
                text = string.Concat(text, "\n", more.Text);
                outcome = splitter.Split(text, _fields, out problem);
            }

            if (_taken.Count > 1 && (outcome != SplitOutcome.Complete || WrongCount))
            {
                // The open quote on the first line is the likelier fault; give the following lines their own chance.
                for (var i = _taken.Count - 1; i >= 1; i--) _replay.AddFirst(_taken[i]);
                record = new CsvRecord(first.Number, first.Text, [], "broken quoting: a quoted field opened on this line is never closed");
                return true;
            }
            record = outcome switch
            {
                SplitOutcome.Unclosed => new CsvRecord(first.Number, text, [], "broken quoting: a quoted field opened on this line is never closed"),
                SplitOutcome.Broken => new CsvRecord(first.Number, text, [], problem),
                _ when WrongCount => new CsvRecord(first.Number, text, [],
                    $"the row has {_fields.Count} fields where the header has {ExpectedFields}"),
                _ => new CsvRecord(first.Number, text, _fields.ToArray(), null),
            };
            return true;
        }
        record = null!;
        return false;
    }

    /// <summary>Puts a line back to be read again first (the header line, read once to detect the delimiter).</summary>
    public void Unread(PhysicalLine line) => _replay.AddFirst(line);

    private bool WrongCount => ExpectedFields > 0 && _fields.Count != ExpectedFields;

    private bool Next(out PhysicalLine line)
    {
        if (_replay.First is { } node)
        {
            line = node.Value;
            _replay.RemoveFirst();
            return true;
        }
        return lines.TryRead(out line);
    }
}
