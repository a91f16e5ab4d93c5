using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CecopComms.Delivery;

/// <summary>
/// The transport the sender uses, rebuilt when the transport or the SMTP servers change in the settings (the admin
/// settings page), without a restart. A message already handed to the old transport finishes on its connection; the
/// next message goes through the new one; the old pool is closed once its last message is done. Changes that do not
/// touch the transport (rates, DKIM) keep the pool and its open connections.
/// </summary>
public sealed class SettingsFollowingTransport : IMessageTransport
{
    private readonly Func<DeliveryOptions, IMessageTransport> _build;
    private readonly Lock _gate = new();
    private readonly IDisposable? _subscription;
    private Generation _current;
    private string _key;
    private bool _disposed;

    /// <param name="monitor">The Delivery options, files and database.</param>
    /// <param name="build">Makes a transport from the options (the outbox or the SMTP pool).</param>
    /// <exception cref="ArgumentException">The first transport cannot be built from the settings.</exception>
    public SettingsFollowingTransport(IOptionsMonitor<DeliveryOptions> monitor, Func<DeliveryOptions, IMessageTransport> build)
    {
        _build = build;
        var options = monitor.CurrentValue;
        _key = Key(options);
        _current = new Generation(build(options));
        _subscription = monitor.OnChange(Switch);
    }

    public string Name => Volatile.Read(ref _current).Transport.Name;

    public int Concurrency => Volatile.Read(ref _current).Transport.Concurrency;

    /// <summary>The transport messages go to now (tests and benchmarks look inside).</summary>
    public IMessageTransport Current => Volatile.Read(ref _current).Transport;

    public async Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var generation = Enter();
        try
        {
            return await generation.Transport.SendAsync(message, cancellationToken);
        }
        finally
        {
            generation.Leave();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Generation last;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            last = _current;
        }
        _subscription?.Dispose();
        await last.Transport.DisposeAsync();
    }

    private Generation Enter()
    {
        while (true)
        {
            var generation = Volatile.Read(ref _current);
            if (generation.TryEnter()) return generation;
            // Retired between the read and the entry: the next read finds its successor.
        }
    }

    private void Switch(DeliveryOptions options)
    {
        var key = Key(options);
        Generation retired;
        lock (_gate)
        {
            if (_disposed || key == _key) return;
            IMessageTransport next;
            try
            {
                next = _build(options);
            }
            catch (ArgumentException e)
            {
                // The settings page checks before it saves; settings that still cannot make a transport keep the old one.
                Console.Error.WriteLine($"The changed delivery settings cannot be used, mail keeps going out as before: {e.Message}");
                return;
            }
            _key = key;
            retired = _current;
            Volatile.Write(ref _current, new Generation(next));
        }
        retired.Leave();
    }

    private static string Key(DeliveryOptions o) =>
        JsonSerializer.Serialize(new { o.Transport, o.OutboxPath, o.Workers, o.Servers });

    /// <summary>One transport and the messages in it; the current generation holds one entry of its own until retired.</summary>
    private sealed class Generation(IMessageTransport transport)
    {
        private int _entries = 1;

        public IMessageTransport Transport { get; } = transport;

        public bool TryEnter()
        {
            var seen = Volatile.Read(ref _entries);
            while (seen > 0)
            {
                var before = Interlocked.CompareExchange(ref _entries, seen + 1, seen);
                if (before == seen) return true;
                seen = before;
            }
            return false;
        }

        public void Leave()
        {
            if (Interlocked.Decrement(ref _entries) == 0) _ = CloseAsync();
        }

        private async Task CloseAsync()
        {
            try
            {
                await Transport.DisposeAsync();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"Closing the previous {Transport.Name} transport after a settings change: {e.Message}");
            }
        }
    }
}
