using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CecopComms.Delivery;

/// <summary>
/// The sending limits: a global rate per second (burst of one second), per hour and per day, and optionally per
/// recipient domain; each a token bucket. A limit of 0 is no limit.
/// </summary>
public sealed class SendThrottle
{
    private readonly TokenBucket[] _global;
    private readonly double _perDomain;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, TokenBucket> _domains = new(StringComparer.OrdinalIgnoreCase);

    public SendThrottle(IOptions<DeliveryOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _time = time;
        _perDomain = o.PerDomainRatePerSecond;
        var buckets = new List<TokenBucket>();
        if (o.RatePerSecond > 0) buckets.Add(new TokenBucket(o.RatePerSecond, Math.Max(1, o.RatePerSecond), time));
        if (o.RatePerHour > 0) buckets.Add(new TokenBucket(o.RatePerHour / 3600, Math.Max(1, o.RatePerHour / 60), time));
        if (o.RatePerDay > 0) buckets.Add(new TokenBucket(o.RatePerDay / 86400, Math.Max(1, o.RatePerDay / 1440), time));
        _global = buckets.ToArray();
    }

    /// <summary>True when no limit is set.</summary>
    public bool Unlimited => _global.Length == 0 && _perDomain <= 0;

    /// <summary>Waits until a message to <paramref name="domain"/> may leave.</summary>
    public async ValueTask WaitAsync(string domain, CancellationToken cancellationToken)
    {
        if (_perDomain > 0)
            await _domains.GetOrAdd(domain, _ => new TokenBucket(_perDomain, Math.Max(1, _perDomain), _time)).TakeAsync(cancellationToken);
        foreach (var bucket in _global) await bucket.TakeAsync(cancellationToken);
    }
}
