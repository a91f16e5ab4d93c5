using System.Net;
using System.Net.Sockets;
using CecopComms.Delivery;
using MailKit;
using MailKit.Security;

namespace CecopComms.Mail;

/// <summary>
/// Opens a signed-in MailKit SMTP connection to one server of <c>Delivery:Servers</c>. The TCP connection is ours, with
/// TCP_NODELAY: MailKit leaves Nagle on, and every message then waits about 40 ms for the server's delayed ACK (22 msg/s
/// on one connection instead of thousands). Failures become <see cref="SmtpSetupException"/> sentences that name the
/// server and the setting to change.
/// </summary>
public sealed class SmtpConnector : IDisposable
{
    private readonly SmtpServerOptions _server;
    private readonly int _index;
    private readonly int _timeout;
    private readonly SecureSocketOptions _security;
    private readonly Stream? _log;
    private int _connections;

    /// <param name="server">The server's settings.</param>
    /// <param name="index">Its place in Delivery:Servers, for messages that name the setting.</param>
    /// <param name="timeoutMilliseconds">How long any one read, write or connect may take.</param>
    /// <exception cref="ArgumentException">Security or AuthMechanism is not one of the known values, or XOAUTH2 has no token.</exception>
    public SmtpConnector(SmtpServerOptions server, int index, int timeoutMilliseconds)
    {
        _server = server;
        _index = index;
        _timeout = timeoutMilliseconds;
        _security = Enum.TryParse<SecureSocketOptions>(server.Security, ignoreCase: true, out var security)
            ? security
            : throw new ArgumentException($"{Setting("Security")} '{server.Security}' is not one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}.");
        if (Mechanism == "XOAUTH2" && string.IsNullOrWhiteSpace(server.OAuthToken) && string.IsNullOrWhiteSpace(server.OAuthTokenFile))
            throw new ArgumentException($"{Setting("AuthMechanism")} is XOAUTH2 but neither {Setting("OAuthToken")} nor {Setting("OAuthTokenFile")} is set.");
        if (Mechanism is "XOAUTH2" && string.IsNullOrWhiteSpace(server.User))
            throw new ArgumentException($"{Setting("AuthMechanism")} is XOAUTH2, which needs the mailbox it signs in as in {Setting("User")}.");
        if (Mechanism is "PLAIN" or "LOGIN" or "SCRAM-SHA-256" && string.IsNullOrWhiteSpace(server.User))
            throw new ArgumentException($"{Setting("AuthMechanism")} is {Mechanism}, which needs {Setting("User")} and {Setting("Password")}.");
        if (!string.IsNullOrWhiteSpace(server.ProtocolLog))
        {
            var path = Path.GetFullPath(server.ProtocolLog);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _log = Stream.Synchronized(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
        }
    }

    /// <summary>"smtp.example.org:587", as messages name the server.</summary>
    public string Where => $"{_server.Host}:{Port}";

    private int Port => _server.Port > 0 ? _server.Port : _security == SecureSocketOptions.SslOnConnect ? 465 : 25;

    private string Mechanism => _server.AuthMechanism.Trim().ToUpperInvariant();

    /// <summary>Connects, says EHLO, secures the connection as Security says and signs in when a user is set.</summary>
    /// <exception cref="SmtpSetupException">The server refused the sign-in, or offers none of what the settings need.</exception>
    /// <exception cref="IOException">The connection failed or broke (retried by the caller).</exception>
    /// <exception cref="SocketException">The server cannot be reached.</exception>
    public async Task<PooledSmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _connections);
        var client = _log is null ? new PooledSmtpClient() : new PooledSmtpClient(Logger(number));
        client.Timeout = _timeout;
        if (!string.IsNullOrWhiteSpace(_server.LocalDomain)) client.LocalDomain = _server.LocalDomain.Trim();
        client.CheckCertificateRevocation = !_server.AcceptInvalidCertificate;
        if (_server.AcceptInvalidCertificate) client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        Socket? socket = null;
        try
        {
            socket = await OpenSocketAsync(cancellationToken);
            await client.ConnectAsync(socket, _server.Host, Port, _security, cancellationToken);
            socket = null; // the client owns it now
            if (!string.IsNullOrEmpty(_server.User)) await SignInAsync(client, cancellationToken);
            return client;
        }
        catch (AuthenticationException e)
        {
            client.Dispose();
            throw new SmtpSetupException($"The mail server {Where} refused to sign in {_server.User} ({e.Message}). Check {Setting("User")}, {Setting("Password")}"
                + (Mechanism == "XOAUTH2" ? $" and the token in {Setting(string.IsNullOrWhiteSpace(_server.OAuthTokenFile) ? "OAuthToken" : "OAuthTokenFile")}." : "."), e);
        }
        catch (NotSupportedException e)
        {
            client.Dispose();
            throw new SmtpSetupException($"The mail server {Where} does not offer what the settings ask for ({e.Message}). Check {Setting("Security")} and {Setting("AuthMechanism")}.", e);
        }
        catch (SslHandshakeException e)
        {
            client.Dispose();
            throw new SmtpSetupException($"The mail server {Where} could not be secured with TLS ({e.Message.Split('\n')[0].Trim()}). "
                + $"Check {Setting("Security")}; {Setting("AcceptInvalidCertificate")} = true accepts a test relay's self-signed certificate.", e);
        }
        catch
        {
            socket?.Dispose();
            client.Dispose();
            throw;
        }
    }

    /// <summary>Closes the protocol log.</summary>
    public void Dispose() => _log?.Dispose();

    /// <summary>Names a setting of this server: "Delivery:Servers:0:Password".</summary>
    public string Setting(string name) => $"Delivery:Servers:{_index}:{name}";

    private async Task<Socket> OpenSocketAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var addresses = IPAddress.TryParse(_server.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(_server.Host, timeout.Token);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, Port, timeout.Token);
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new IOException($"{Where} did not answer within {_timeout / 1000.0:0.#} s.");
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private async Task SignInAsync(PooledSmtpClient client, CancellationToken cancellationToken)
    {
        var user = _server.User!;
        var password = _server.Password ?? "";
        SaslMechanism mechanism = Mechanism switch
        {
            "PLAIN" => new SaslMechanismPlain(user, password),
            "LOGIN" => new SaslMechanismLogin(user, password),
            "SCRAM-SHA-256" => new SaslMechanismScramSha256(user, password),
            "XOAUTH2" => new SaslMechanismOAuth2(user, await TokenAsync(cancellationToken)),
            _ => null!,
        };
        if (mechanism is null)
        {
            // No mechanism named: MailKit picks the strongest one the server offers for a password.
            await client.AuthenticateAsync(user, password, cancellationToken);
            return;
        }
        if (!client.AuthenticationMechanisms.Contains(mechanism.MechanismName))
            throw new SmtpSetupException($"The mail server {Where} does not offer {mechanism.MechanismName} sign-in (it offers {Offered(client)}). Change {Setting("AuthMechanism")}.");
        await client.AuthenticateAsync(mechanism, cancellationToken);
    }

    private static string Offered(PooledSmtpClient client) =>
        client.AuthenticationMechanisms.Count == 0 ? "none" : string.Join(", ", client.AuthenticationMechanisms.Order(StringComparer.Ordinal));

    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(_server.OAuthToken)) return _server.OAuthToken.Trim();
        var path = Path.GetFullPath(_server.OAuthTokenFile!);
        try
        {
            var token = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
            return token.Length > 0 ? token : throw new SmtpSetupException($"The OAuth token file {path} ({Setting("OAuthTokenFile")}) is empty.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SmtpSetupException($"The OAuth token file {path} ({Setting("OAuthTokenFile")}) cannot be read: {e.Message}", e);
        }
    }

    private ProtocolLogger Logger(int number) => new(_log!, leaveOpen: true)
    {
        RedactSecrets = true,
        ClientPrefix = $"#{number} C: ",
        ServerPrefix = $"#{number} S: ",
    };
}
