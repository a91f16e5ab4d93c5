using System.Collections.Concurrent;
using System.Net.Sockets;
using CecopComms.Mail.Mime;
using CecopComms.Mail.Smtp;

namespace CecopComms.Delivery;

/// <summary>
/// Sends over a pool of SMTP connections to one or more servers. Each server has a weight and a maximum number of
/// connections; a connection is opened when needed and reused for many messages. A refusal (SmtpCommandException)
/// keeps the connection; a broken stream drops it and the next message opens a new one.
/// </summary>
public sealed class SmtpPoolTransport : IMessageTransport
{
    private readonly Server[] _servers;
    private readonly int _totalWeight;

    /// <exception cref="ArgumentException">No server, or a Security value that is not a SecureSocketOptions name.</exception>
    public SmtpPoolTransport(IReadOnlyList<SmtpServerOptions> servers, int timeoutMilliseconds = 60_000)
    {
        if (servers.Count == 0) throw new ArgumentException("Delivery:Servers is empty: name at least one SMTP server, or use the outbox transport.", nameof(servers));
        _servers = servers.Select(s => new Server(s, ParseSecurity(s.Security), timeoutMilliseconds)).ToArray();
        _totalWeight = _servers.Sum(s => s.Options.Weight);
    }

    public string Name => "smtp";

    public int Concurrency => _servers.Sum(s => s.Options.MaxConnections);

    /// <summary>Connections opened so far, over all servers (tests and the benchmark read it).</summary>
    public int ConnectionsOpened => _servers.Sum(s => s.Opened);

    public async Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var server = Pick();
        await server.Slots.WaitAsync(cancellationToken);
        SmtpClient? client = null;
        try
        {
            client = server.Idle.TryTake(out var idle) && idle.IsConnected ? idle : await server.ConnectAsync(cancellationToken);
            var reply = await client.SendAsync(FormatOptions.Default, message.Message, message.Sender, [message.Recipient], cancellationToken);
            server.Idle.Add(client);
            client = null;
            return new TransportResult(OutcomeKind.Sent, reply);
        }
        catch (SmtpCommandException e)
        {
            if (client is { IsConnected: true }) { server.Idle.Add(client); client = null; }
            var code = ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) + (e.EnhancedStatusCode is { } enhanced ? " " + enhanced : "");
            var reply = e.RefusedRecipients.Count > 0 ? e.RefusedRecipients[0].Response.ToString() : e.Message;
            var status = (int)e.StatusCode;
            if (status is >= 400 and < 500) return new TransportResult(OutcomeKind.Retry, reply, code, ConnectionLost: status == 421);
            return e.ErrorCode == SmtpErrorCode.RecipientNotAccepted
                ? new TransportResult(OutcomeKind.Bounced, reply, code)
                : new TransportResult(OutcomeKind.Failed, reply, code);
        }
        catch (NotSupportedException e)
        {
            return new TransportResult(OutcomeKind.Failed, e.Message);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or ServiceNotConnectedException or SocketException or SslHandshakeException or AuthenticationException)
        {
            return new TransportResult(OutcomeKind.Retry, $"{server.Options.Host}:{server.Options.Port}: {e.Message}", ConnectionLost: true);
        }
        finally
        {
            client?.Dispose();
            server.Slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            while (server.Idle.TryTake(out var client))
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await client.DisconnectAsync(quit: true, timeout.Token);
                }
                catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException or OperationCanceledException or SocketException) { }
                client.Dispose();
            }
        }
    }

    // Weighted choice: a server's share of messages follows its weight; its own slots bound its connections.
    private Server Pick()
    {
        if (_servers.Length == 1) return _servers[0];
        var roll = Random.Shared.Next(_totalWeight);
        foreach (var server in _servers)
        {
            if (roll < server.Options.Weight) return server;
            roll -= server.Options.Weight;
        }
        return _servers[^1];
    }

    private static SecureSocketOptions ParseSecurity(string text) =>
        Enum.TryParse<SecureSocketOptions>(text, ignoreCase: true, out var value)
            ? value
            : throw new ArgumentException($"Delivery:Servers: Security '{text}' is not one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}.");

    private sealed class Server(SmtpServerOptions options, SecureSocketOptions security, int timeout)
    {
        private int _opened;

        public SmtpServerOptions Options { get; } = options;
        public SemaphoreSlim Slots { get; } = new(options.MaxConnections, options.MaxConnections);
        public ConcurrentBag<SmtpClient> Idle { get; } = [];
        public int Opened => _opened;

        public async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
        {
            var client = new SmtpClient { Timeout = timeout };
            try
            {
                await client.ConnectAsync(Options.Host, Options.Port, security, cancellationToken);
                if (!string.IsNullOrEmpty(Options.User)) await client.AuthenticateAsync(Options.User, Options.Password ?? "", cancellationToken);
                Interlocked.Increment(ref _opened);
                return client;
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }
    }
}
