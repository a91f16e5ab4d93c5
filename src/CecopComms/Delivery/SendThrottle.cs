using System.Collections.Concurrent;
using CecopComms.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace CecopComms.Delivery;

/// <summary>
/// The sending limits: a global rate per second (burst of one second), per hour and per day, and optionally per
/// recipient domain; each a token bucket. A limit of 0 is no limit. The limits are read at each message: when they
/// change (the settings page), fresh buckets take over from the next message, without a restart.
/// </summary>
/// <remarks>
/// On SQLite (one machine) the buckets live in the process. On PostgreSQL several nodes send at once, so the buckets
/// live in the database (table send_rate) and every node takes its permits there: the limits hold for the cluster, not
/// once per node. See docs/delivery-fencing.md.
/// </remarks>
public sealed class SendThrottle(IOptions<DeliveryOptions> options, TimeProvider time, Database? database = null)
{
    private readonly SharedBuckets? _shared = database is { IsPostgres: true } ? new SharedBuckets(database, time) : null;
    private volatile Limits _limits = new(Rates.Of(options.Value), time);

    /// <summary>True when no limit is set.</summary>
    public bool Unlimited => Current.Unlimited;

    /// <summary>Waits until a message to <paramref name="domain"/> may leave.</summary>
    public ValueTask WaitAsync(string domain, CancellationToken cancellationToken) =>
        _shared is null ? Current.WaitAsync(domain, cancellationToken) : _shared.WaitAsync(Current, domain, cancellationToken);

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

    /// <summary>One bucket: its name in send_rate, its refill rate per second and how many tokens it holds at most.</summary>
    private readonly record struct Bucket(string Scope, double PerSecond, double Capacity);

    private sealed class Limits
    {
        private readonly TokenBucket[] _global;
        private readonly TimeProvider _time;
        private readonly ConcurrentDictionary<string, TokenBucket> _domains = new(StringComparer.OrdinalIgnoreCase);

        public Limits(Rates rates, TimeProvider time)
        {
            Rates = rates;
            _time = time;
            var buckets = new List<Bucket>();
            if (rates.PerSecond > 0) buckets.Add(new Bucket("second:*", rates.PerSecond, Math.Max(1, rates.PerSecond)));
            if (rates.PerHour > 0) buckets.Add(new Bucket("hour:*", rates.PerHour / 3600, Math.Max(1, rates.PerHour / 60)));
            if (rates.PerDay > 0) buckets.Add(new Bucket("day:*", rates.PerDay / 86400, Math.Max(1, rates.PerDay / 1440)));
            Global = buckets.ToArray();
            _global = Global.Select(b => new TokenBucket(b.PerSecond, b.Capacity, time)).ToArray();
        }

        public Rates Rates { get; }

        /// <summary>The global buckets (not the domain's).</summary>
        public Bucket[] Global { get; }

        public bool Unlimited => _global.Length == 0 && Rates.PerDomain <= 0;

        /// <summary>The bucket of a recipient domain, or null when there is no per-domain limit.</summary>
        public Bucket? Domain(string domain) =>
            Rates.PerDomain > 0 ? new Bucket("domain:" + domain.ToLowerInvariant(), Rates.PerDomain, Math.Max(1, Rates.PerDomain)) : null;

        public async ValueTask WaitAsync(string domain, CancellationToken cancellationToken)
        {
            if (Domain(domain) is { } bucket)
                await _domains.GetOrAdd(domain, _ => new TokenBucket(bucket.PerSecond, bucket.Capacity, _time)).TakeAsync(cancellationToken);
            foreach (var global in _global) await global.TakeAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The buckets in the PostgreSQL database. A node takes a quarter of a second's worth of permits from a bucket at a
    /// time (one statement for every bucket it runs short of, refilled by the database's clock) and hands them to its
    /// workers from the time the database says they are its own: one round trip per batch, not per message.
    /// </summary>
    private sealed class SharedBuckets(Database database, TimeProvider time)
    {
        private static readonly TimeSpan BatchWorth = TimeSpan.FromSeconds(0.25);
        private readonly SendRateQueries _queries = QueryLoader.Load<SendRateQueries>(database.Dialect, "send-rate");
        private readonly SemaphoreSlim _gate = new(1, 1);
        // Under the gate: the permits this node holds per bucket, and from when it may use them.
        private readonly Dictionary<string, (int Count, DateTimeOffset From)> _held = new(StringComparer.Ordinal);

        public async ValueTask WaitAsync(Limits limits, string domain, CancellationToken cancellationToken)
        {
            if (limits.Unlimited) return;
            var buckets = limits.Domain(domain) is { } own ? [.. limits.Global, own] : limits.Global;
            if (buckets.Length == 0) return;
            var from = DateTimeOffset.MinValue;
            await _gate.WaitAsync(cancellationToken);
            try
            {
                var empty = buckets.Where(b => _held.GetValueOrDefault(b.Scope).Count == 0).ToArray();
                if (empty.Length > 0) await TakeAsync(empty, cancellationToken);
                foreach (var bucket in buckets)
                {
                    var (count, usable) = _held[bucket.Scope];
                    _held[bucket.Scope] = (count - 1, usable);
                    if (usable > from) from = usable;
                }
            }
            finally { _gate.Release(); }
            var wait = from - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
        }

        private async Task TakeAsync(Bucket[] buckets, CancellationToken cancellationToken)
        {
            // Sorted: every node locks the rows in the same order, so two takers never wait for each other's rows.
            Array.Sort(buckets, (a, b) => string.CompareOrdinal(a.Scope, b.Scope));
            var counts = buckets.Select(b => (int)Math.Clamp(Math.Floor(b.PerSecond * BatchWorth.TotalSeconds), 1, Math.Max(1, Math.Floor(b.Capacity)))).ToArray();
            await using var connection = await database.OpenAsync(cancellationToken);
            var waits = (await connection.QueryAsync<(string Scope, double WaitSeconds)>(new CommandDefinition(_queries.TakePermits, new
            {
                Scopes = buckets.Select(b => b.Scope).ToArray(),
                Counts = counts.Select(c => (double)c).ToArray(),
                Capacities = buckets.Select(b => b.Capacity).ToArray(),
                Rates = buckets.Select(b => b.PerSecond).ToArray(),
            }, cancellationToken: cancellationToken))).ToDictionary(w => w.Scope, w => w.WaitSeconds, StringComparer.Ordinal);
            var now = time.GetUtcNow();
            for (var i = 0; i < buckets.Length; i++)
                _held[buckets[i].Scope] = (counts[i], now + TimeSpan.FromSeconds(waits[buckets[i].Scope]));
        }
    }
}

/// <summary>Named queries of Storage/Sql/{dialect}/send-rate.sql.</summary>
public sealed class SendRateQueries
{
    public string TakePermits { get; set; } = "";
}
