namespace CecopComms.Audience.Import;

/// <summary>
/// Remembers, in the import's temp tables, which line of the file first had each address, so that a later row for the
/// same person is refused with that line. A new subscriber costs no scratch row: its email_key is in the subscribers
/// table anyway, and its id maps back to its line through runs of consecutive ids and lines (one run per stretch of
/// the file with no refused or multi-line record between). Only rows that inserted nobody are written one by one.
/// find-subscribers reads both back. Queued per batch, written inside the batch's transaction.
/// </summary>
internal sealed class EarlierLines(PreparedCommand markSeen, PreparedCommand markRuns)
{
    private readonly JsonArrayBuilder _seen = new(), _runs = new();
    private long _firstId, _lastId, _firstLine, _lastLine;
    private bool _open;

    /// <summary>A row that inserted no subscriber (it met a stored one, or was refused).</summary>
    public void Seen(string emailKey, long line)
    {
        var seen = _seen.Next();
        seen.WriteStartArray();
        seen.WriteStringValue(emailKey);
        seen.WriteNumberValue(line);
        seen.WriteEndArray();
    }

    /// <summary>A row that inserted subscriber <paramref name="id"/>; call in file order.</summary>
    public void Inserted(long id, long line)
    {
        if (_open && id == _lastId + 1 && line == _lastLine + 1)
        {
            (_lastId, _lastLine) = (id, line);
            return;
        }
        CloseRun();
        (_firstId, _lastId, _firstLine, _lastLine, _open) = (id, id, line, line, true);
    }

    /// <summary>Writes what the batch queued.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        CloseRun();
        if (_seen.Count > 0)
        {
            markSeen["@rows"] = _seen.Finish();
            await markSeen.ExecuteAsync(cancellationToken);
        }
        if (_runs.Count > 0)
        {
            markRuns["@rows"] = _runs.Finish();
            await markRuns.ExecuteAsync(cancellationToken);
        }
    }

    private void CloseRun()
    {
        if (!_open) return;
        var run = _runs.Next();
        run.WriteStartArray();
        run.WriteNumberValue(_firstId);
        run.WriteNumberValue(_lastId);
        run.WriteNumberValue(_firstLine);
        run.WriteEndArray();
        _open = false;
    }
}
