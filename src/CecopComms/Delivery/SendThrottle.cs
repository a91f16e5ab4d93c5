using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CecopComms.Delivery;

/// <summary>
/// The sending limits: a global rate per second (burst of one second), per hour and per day, and optionally per
/// recipient domain; each a token bucket. A limit of 0 is no limit. The limits are read at each message: when they
/// change (the settings page), fresh buckets take over from the next message, without a restart.
/// </summary>
public sealed class SendThrottle(IOptions<DeliveryOptions> options, TimeProvider time)
{
    private volatile Limits _limits = new(Rates.Of(options.Value), time);

    /// <summary>True when no limit is set.</summary>
    public bool Unlimited => Current.Unlimited;

    /// <summary>Waits until a message to <paramref name="domain"/> may leave.</summary>
    public ValueTask WaitAsync(string domain, CancellationToken cancellationToken) => Current.WaitAsync(domain, cancellationToken);

    private Limits Current
    {
        get
        {
            var limits = _limits;
            var rates = Rates.Of(options.Value);
            if (rates == limits.Rates) return limits;
            // Two workers may both see the change and build twice; one set wins, which costs at most a burst's worth.
            var fresh = new Limits(rates, time);
            _limits = fresh;
            return fresh;
        }
    }

    private readonly record struct Rates(double PerSecond, double PerHour, double PerDay, double PerDomain)
    {
        public static Rates Of(DeliveryOptions o) => new(o.RatePerSecond, o.RatePerHour, o.RatePerDay, o.PerDomainRatePerSecond);
    }

    private sealed class Limits
    {
        private readonly TokenBucket[] _global;
        private readonly TimeProvider _time;
        private readonly ConcurrentDictionary<string, TokenBucket> _domains = new(StringComparer.OrdinalIgnoreCase);

        public Limits(Rates rates, TimeProvider time)
        {
            Rates = rates;
            _time = time;
            var buckets = new List<TokenBucket>();
            if (rates.PerSecond > 0) buckets.Add(new TokenBucket(rates.PerSecond, Math.Max(1, rates.PerSecond), time));
            if (rates.PerHour > 0) buckets.Add(new TokenBucket(rates.PerHour / 3600, Math.Max(1, rates.PerHour / 60), time));
            if (rates.PerDay > 0) buckets.Add(new TokenBucket(rates.PerDay / 86400, Math.Max(1, rates.PerDay / 1440), time));
            _global = buckets.ToArray();
        }

        public Rates Rates { get; }

        public bool Unlimited => _global.Length == 0 && Rates.PerDomain <= 0;

        public async ValueTask WaitAsync(string domain, CancellationToken cancellationToken)
        {
            if (Rates.PerDomain > 0)
                await _domains.GetOrAdd(domain, _ => new TokenBucket(Rates.PerDomain, Math.Max(1, Rates.PerDomain), _time)).TakeAsync(cancellationToken);
            foreach (var bucket in _global) await bucket.TakeAsync(cancellationToken);
        }
    }
}
