namespace CecopComms.Web;

/// <summary>
/// How many mails one person may be sent on request (a confirmation, a login link) within a window, counted on the
/// injected clock and kept in memory; ended windows are pruned as the table grows.
/// </summary>
public sealed class MailAllowance(TimeProvider time, int limit, TimeSpan window)
{
    // Keys kept before ended windows are pruned.
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _sent = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Mails one key may have within the window.</summary>
    public int Limit => limit;

    /// <summary>Counts one mail to <paramref name="key"/> and returns true, or returns false when its window is full.</summary>
    public bool TryTake(string key)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_sent.Count >= PruneAbove)
                foreach (var ended in _sent.Where(e => now - e.Value.Start >= window).Select(e => e.Key).ToList()) _sent.Remove(ended);
            if (!_sent.TryGetValue(key, out var current) || now - current.Start >= window) current = (now, 0);
            if (current.Count >= limit) return false;
            _sent[key] = (current.Start, current.Count + 1);
            return true;
        }
    }
}
