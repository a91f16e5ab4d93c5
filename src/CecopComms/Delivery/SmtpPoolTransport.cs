using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CecopComms.Mail;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace CecopComms.Delivery;

/// <summary>
/// Sends over a pool of MailKit SMTP connections to one or more servers. Each server has a weight and a maximum number of
/// connections; a connection is opened when needed (<see cref="SmtpConnector"/>) and reused for many messages. A refusal
/// (<see cref="SmtpCommandException"/>) keeps the connection; a broken stream drops it and the next message opens a new one.
/// 4xx replies are retried later, a refused recipient (5xx at RCPT) is a bounce, other 5xx fail the message.
/// </summary>
public sealed partial class SmtpPoolTransport : IMessageTransport
{
    private readonly Server[] _servers;
    private readonly int _totalWeight;

    /// <exception cref="ArgumentException">No server, or a Security or AuthMechanism value that is not known.</exception>
    public SmtpPoolTransport(IReadOnlyList<SmtpServerOptions> servers, int timeoutMilliseconds = 60_000)
    {
        if (servers.Count == 0) throw new ArgumentException("Delivery:Servers is empty: name at least one SMTP server, or use the outbox transport.", nameof(servers));
        _servers = servers.Select((s, i) => new Server(s, new SmtpConnector(s, i, timeoutMilliseconds))).ToArray();
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
        PooledSmtpClient? client = null;
        try
        {
            client = server.Idle.TryTake(out var idle) && idle.IsConnected ? idle : await server.ConnectAsync(cancellationToken);
            client.ResetRefused();
            // Composed messages are prepared (7-bit) and signed already: MailKit sends them byte for byte.
            var reply = await client.SendAsync(MailMessages.Crlf, message.Message, message.Sender, [message.Recipient], cancellationToken);
            server.Idle.Add(client);
            client = null;
            return new TransportResult(OutcomeKind.Sent, reply);
        }
        catch (SmtpCommandException e)
        {
            var refused = client?.LastRefused;
            if (client is { IsConnected: true }) { server.Idle.Add(client); client = null; }
            var status = (int)e.StatusCode;
            var enhanced = EnhancedCode().Match(e.Message) is { Success: true } m ? m.Value : null;
            var code = status.ToString(CultureInfo.InvariantCulture) + (enhanced is null ? "" : " " + enhanced);
            var reply = refused?.Reply ?? $"{status} {e.Message}";
            if (status is >= 400 and < 500) return new TransportResult(OutcomeKind.Retry, reply, code, ConnectionLost: status == 421);
            if (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted) return new TransportResult(OutcomeKind.Bounced, reply, code);
            if (e.ErrorCode == SmtpErrorCode.SenderNotAccepted)
                return new TransportResult(OutcomeKind.Failed, $"The mail server {server.Connector.Where} refused the sender <{message.Sender.Address}> ({reply}). "
                    + (status == 530 ? $"It asks to sign in first: set {server.Connector.Setting("User")} and {server.Connector.Setting("Password")}."
                        : $"Check Delivery:BounceDomain and what the relay lets {(string.IsNullOrEmpty(server.Options.User) ? "this machine" : server.Options.User)} send as."), code);
            return new TransportResult(OutcomeKind.Failed, reply, code);
        }
        catch (SmtpSetupException e)
        {
            // Settings that cannot work: every message would meet the same refusal, so the run pauses after a few.
            return new TransportResult(OutcomeKind.Retry, e.Message, ConnectionLost: true);
        }
        catch (NotSupportedException e)
        {
            return new TransportResult(OutcomeKind.Failed, e.Message);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or ServiceNotConnectedException or SocketException or SslHandshakeException
            or AuthenticationException or ServiceNotAuthenticatedException)
        {
            return new TransportResult(OutcomeKind.Retry, $"{server.Connector.Where}: {e.Message}", ConnectionLost: true);
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
            server.Connector.Dispose();
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

    [GeneratedRegex(@"^[245]\.\d{1,3}\.\d{1,3}(?=\s|$)")]
    private static partial Regex EnhancedCode();

    private sealed class Server(SmtpServerOptions options, SmtpConnector connector)
    {
        private int _opened;

        public SmtpServerOptions Options { get; } = options;
        public SmtpConnector Connector { get; } = connector;
        public SemaphoreSlim Slots { get; } = new(options.MaxConnections, options.MaxConnections);
        public ConcurrentBag<PooledSmtpClient> Idle { get; } = [];
        public int Opened => _opened;

        public async Task<PooledSmtpClient> ConnectAsync(CancellationToken cancellationToken)
        {
            var client = await Connector.ConnectAsync(cancellationToken);
            Interlocked.Increment(ref _opened);
            return client;
        }
    }
}
