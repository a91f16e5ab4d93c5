namespace CecopComms.Delivery;

/// <summary>
/// A token bucket: <paramref name="capacity"/> tokens at most, refilled at <paramref name="perSecond"/> a second.
/// Taking a token waits until one is there, on the given clock.
/// </summary>
public sealed class TokenBucket(double perSecond, double capacity, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly double _capacity = capacity;
    private double _tokens = capacity;
    private long _last = time.GetTimestamp();

    /// <summary>Waits for a token and takes it.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public async ValueTask TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetTimestamp();
                _tokens = Math.Min(_capacity, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * perSecond);
                _last = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }
                wait = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
            }
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, time, cancellationToken);
        }
    }
}
