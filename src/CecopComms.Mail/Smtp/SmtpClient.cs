using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CecopComms.Mail.Smtp;

/// <summary>
/// An SMTP client (mirrors MailKit.Net.Smtp.SmtpClient): connect, optionally secure and authenticate, then send
/// any number of messages over the one connection. Not safe for concurrent use: give each task its own client.
/// </summary>
/// <remarks>
/// Failures come in two families. <see cref="SmtpCommandException"/> (and <see cref="AuthenticationException"/>):
/// the server refused something; the client has sent RSET and stays connected, except after 421. Everything else
/// that escapes while talking (<see cref="SmtpProtocolException"/>, <see cref="IOException"/>, cancellation, a
/// timeout): the stream is in an unknown state, so the client has disconnected itself; connect again.
/// </remarks>
public partial class SmtpClient : MailService
{
    private string _localDomain = "localhost";

    /// <summary>Creates a client that logs nothing.</summary>
    public SmtpClient() : base(new SmtpAuthenticationSecretDetector()) { }

    /// <summary>Creates a client that logs the conversation, with AUTH secrets hidden.</summary>
    /// <param name="protocolLogger">Receives every byte both ways; owned by the client, which disposes it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="protocolLogger"/> is null.</exception>
    public SmtpClient(IProtocolLogger protocolLogger) : base(protocolLogger, new SmtpAuthenticationSecretDetector()) { }

    /// <summary>The extensions announced in the last EHLO reply.</summary>
    public SmtpCapabilities Capabilities { get; private set; }

    /// <summary>The SASL mechanisms announced with AUTH (upper case).</summary>
    public HashSet<string> AuthenticationMechanisms { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The largest message the server accepts, from SIZE; 0 when it states no limit.</summary>
    public uint MaxSize { get; private set; }

    /// <summary>The name given in EHLO/HELO; by default the local IP address as an address literal ("[192.0.2.7]").</summary>
    public string? LocalDomain { get; set; }

    /// <summary>
    /// Connects to a server, reads the greeting, says EHLO (HELO when EHLO is refused with 5xx) and secures the
    /// connection as <paramref name="options"/> says.
    /// </summary>
    /// <param name="host">Server name; also the name the certificate must carry.</param>
    /// <param name="port">0 means 465 for <see cref="SecureSocketOptions.SslOnConnect"/>, else 25.</param>
    /// <param name="options">How to secure the connection; Auto is SslOnConnect on 465, StartTlsWhenAvailable elsewhere.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <exception cref="ArgumentNullException"><paramref name="host"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="host"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 0 to 65535.</exception>
    /// <exception cref="InvalidOperationException">The client is already connected.</exception>
    /// <exception cref="SocketException">The server could not be reached.</exception>
    /// <exception cref="IOException">The connection broke or timed out.</exception>
    /// <exception cref="SslHandshakeException">TLS failed, e.g. the certificate was not trusted.</exception>
    /// <exception cref="NotSupportedException"><see cref="SecureSocketOptions.StartTls"/> was asked for and the server does not offer STARTTLS.</exception>
    /// <exception cref="SmtpCommandException">The server refused the greeting, EHLO/HELO or STARTTLS (421 included).</exception>
    /// <exception cref="SmtpProtocolException">The server did not speak SMTP.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public Task ConnectAsync(string host, int port = 0, SecureSocketOptions options = SecureSocketOptions.Auto, CancellationToken cancellationToken = default) =>
        ConnectSocketAsync(host, port, options, cancellationToken);

    /// <summary>
    /// Speaks SMTP over a stream that is already open (a test double, a proxy tunnel): reads the greeting, says
    /// EHLO and secures the stream as <paramref name="options"/> says. The client owns the stream from now on.
    /// </summary>
    /// <param name="stream">The open stream.</param>
    /// <param name="host">Server name, for TLS and logging.</param>
    /// <param name="port">Only decides what Auto means (465: SslOnConnect).</param>
    /// <param name="options">How to secure the connection.</param>
    /// <param name="cancellationToken">Cancels the set-up.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="host"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="host"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 0 to 65535.</exception>
    /// <exception cref="InvalidOperationException">The client is already connected.</exception>
    /// <exception cref="IOException">The stream broke or timed out.</exception>
    /// <exception cref="SslHandshakeException">TLS failed, e.g. the certificate was not trusted.</exception>
    /// <exception cref="NotSupportedException"><see cref="SecureSocketOptions.StartTls"/> was asked for and the server does not offer STARTTLS.</exception>
    /// <exception cref="SmtpCommandException">The server refused the greeting, EHLO/HELO or STARTTLS (421 included).</exception>
    /// <exception cref="SmtpProtocolException">The server did not speak SMTP.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public Task ConnectAsync(Stream stream, string host, int port = 0, SecureSocketOptions options = SecureSocketOptions.Auto, CancellationToken cancellationToken = default) =>
        ConnectStreamAsync(stream, host, port, options, cancellationToken);

    /// <summary>Authenticates with PLAIN, or LOGIN when the server does not offer PLAIN.</summary>
    /// <param name="userName">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the exchange (and disconnects).</param>
    /// <exception cref="ArgumentNullException"><paramref name="userName"/> or <paramref name="password"/> is null.</exception>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">Already authenticated.</exception>
    /// <exception cref="NotSupportedException">The server offers no AUTH, or neither PLAIN nor LOGIN.</exception>
    /// <exception cref="AuthenticationException">The server refused the credentials (5xx, e.g. 535); still connected.</exception>
    /// <exception cref="SmtpCommandException">Another refusal (4xx such as 454, or 421 which disconnects).</exception>
    /// <exception cref="SmtpProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public async Task AuthenticateAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var smtp = ConnectedStream();
        if (IsAuthenticated) throw new InvalidOperationException("The client is already authenticated.");
        if ((Capabilities & SmtpCapabilities.Authentication) == 0)
            throw new NotSupportedException($"The SMTP server {Host} does not offer authentication (no AUTH in its EHLO reply).");
        var plain = AuthenticationMechanisms.Contains("PLAIN");
        if (!plain && !AuthenticationMechanisms.Contains("LOGIN"))
            throw new NotSupportedException(
                $"The SMTP server {Host} offers AUTH {string.Join(' ', AuthenticationMechanisms)}; only PLAIN and LOGIN are implemented.");
        cancellationToken.ThrowIfCancellationRequested();

        SmtpResponse response;
        try
        {
            SecretDetector.IsAuthenticating = true;
            if (plain)
            {
                smtp.Queue("AUTH PLAIN " + Base64($"\0{userName}\0{password}") + "\r\n");
                response = await CommandAsync(smtp, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                smtp.Queue("AUTH LOGIN\r\n"u8);
                response = await CommandAsync(smtp, cancellationToken).ConfigureAwait(false);
                foreach (var answer in (string[])[userName, password])
                {
                    if (response.StatusCode != SmtpStatusCode.AuthenticationChallenge) break;
                    smtp.Queue(Base64(answer) + "\r\n");
                    response = await CommandAsync(smtp, cancellationToken).ConfigureAwait(false);
                }
            }
            if (response.StatusCode == SmtpStatusCode.AuthenticationChallenge)
            {
                // The server wants more than the mechanism has to give: cancel the exchange (RFC 4954, "*").
                smtp.Queue("*\r\n"u8);
                await CommandAsync(smtp, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (IsBroken(e))
        {
            Close();
            throw;
        }
        finally
        {
            SecretDetector.IsAuthenticating = false;
        }

        if (response.StatusCode == SmtpStatusCode.AuthenticationSuccessful)
        {
            IsAuthenticated = true;
            return;
        }
        if ((int)response.StatusCode >= 500 || response.StatusCode == SmtpStatusCode.AuthenticationChallenge)
            throw new AuthenticationException($"The SMTP server {Host} refused the credentials for {userName}: {response}");
        throw Refused(SmtpErrorCode.UnexpectedStatusCode, response, "AUTH");
    }

    /// <summary>Sends NOOP, e.g. to keep a pooled connection alive or to check it.</summary>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="SmtpCommandException">The server answered other than 250 (421 disconnects).</exception>
    /// <exception cref="SmtpProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public async Task NoOpAsync(CancellationToken cancellationToken = default)
    {
        var smtp = ConnectedStream();
        cancellationToken.ThrowIfCancellationRequested();
        SmtpResponse response;
        try
        {
            smtp.Queue("NOOP\r\n"u8);
            response = await CommandAsync(smtp, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsBroken(e))
        {
            Close();
            throw;
        }
        if (response.StatusCode != SmtpStatusCode.Ok) throw Refused(SmtpErrorCode.UnexpectedStatusCode, response, "NOOP");
    }

    /// <summary>Closes the connection, first saying QUIT when <paramref name="quit"/> is true. Does nothing when not connected.</summary>
    /// <param name="quit">Say QUIT and wait for the reply; a failure to do so is ignored, since the connection closes anyway.</param>
    /// <param name="cancellationToken">Cancels the QUIT exchange; the connection is closed all the same.</param>
    /// <exception cref="OperationCanceledException">Cancelled during QUIT (the connection is closed).</exception>
    public async Task DisconnectAsync(bool quit, CancellationToken cancellationToken = default)
    {
        if (Connection is not SmtpStream smtp) return;
        try
        {
            if (quit)
            {
                smtp.Queue("QUIT\r\n"u8);
                await smtp.FlushAsync(cancellationToken).ConfigureAwait(false);
                await smtp.ReadResponseAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or ObjectDisposedException)
        {
            // Already going away: nothing to report.
        }
        finally
        {
            Close();
        }
    }

    private protected override string Protocol => "SMTP";

    private protected override int PlainPort => 25;

    private protected override int TlsPort => 465;

    private protected override async Task SetUpAsync(Stream stream, int port, SecureSocketOptions options, EndPoint? localEndPoint, CancellationToken cancellationToken)
    {
        var host = Host;
        _localDomain = LocalDomain ?? AddressLiteral(localEndPoint) ?? "localhost";
        Capabilities = SmtpCapabilities.None;
        AuthenticationMechanisms.Clear();
        MaxSize = 0;
        try
        {
            if (options == SecureSocketOptions.SslOnConnect)
            {
                stream = await NegotiateTlsAsync(stream, cancellationToken).ConfigureAwait(false);
                IsSecure = true;
            }
            var smtp = new SmtpStream(stream, ProtocolLogger, Timeout);
            Connection = smtp;
            ProtocolLogger?.LogConnect(new UriBuilder(IsSecure ? "smtps" : "smtp", host, port).Uri);

            var greeting = await ReadResponseAsync(smtp, cancellationToken).ConfigureAwait(false);
            if (greeting.StatusCode != SmtpStatusCode.ServiceReady) throw Refused(SmtpErrorCode.UnexpectedStatusCode, greeting, "the greeting");
            await HelloAsync(smtp, cancellationToken).ConfigureAwait(false);

            if (options is SecureSocketOptions.StartTls or SecureSocketOptions.StartTlsWhenAvailable)
            {
                if ((Capabilities & SmtpCapabilities.StartTLS) != 0)
                {
                    smtp.Queue("STARTTLS\r\n"u8);
                    var response = await CommandAsync(smtp, cancellationToken).ConfigureAwait(false);
                    if (response.StatusCode != SmtpStatusCode.ServiceReady) throw Refused(SmtpErrorCode.UnexpectedStatusCode, response, "STARTTLS");
                    await StartTlsAsync("STARTTLS", cancellationToken).ConfigureAwait(false);
                    await HelloAsync(smtp, cancellationToken).ConfigureAwait(false);
                }
                else if (options == SecureSocketOptions.StartTls)
                {
                    throw new NotSupportedException(
                        $"The SMTP server {host} does not offer STARTTLS, and SecureSocketOptions.StartTls requires it; nothing was sent in clear text beyond EHLO.");
                }
            }
        }
        catch
        {
            Close();
            stream.Dispose();
            throw;
        }
    }

    /// <summary>EHLO, or HELO when the server refuses EHLO with 5xx (an RFC 821 server); records what EHLO announced.</summary>
    private async Task HelloAsync(SmtpStream smtp, CancellationToken cancellationToken)
    {
        smtp.Queue($"EHLO {_localDomain}\r\n");
        var response = await CommandAsync(smtp, cancellationToken).ConfigureAwait(false);
        Capabilities = SmtpCapabilities.None;
        AuthenticationMechanisms.Clear();
        MaxSize = 0;
        if ((int)response.StatusCode is >= 500 and < 600)
        {
            smtp.Queue($"HELO {_localDomain}\r\n");
            response = await CommandAsync(smtp, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != SmtpStatusCode.Ok) throw Refused(SmtpErrorCode.UnexpectedStatusCode, response, "HELO");
            return;
        }
        if (response.StatusCode != SmtpStatusCode.Ok) throw Refused(SmtpErrorCode.UnexpectedStatusCode, response, "EHLO");
        ReadCapabilities(response.Response);
    }

    private void ReadCapabilities(string ehloReply)
    {
        // The first line is the server's name; each further line is "KEYWORD [params]".
        foreach (var line in ehloReply.Split('\n').Skip(1))
        {
            var parts = line.Split([' ', '='], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            switch (parts[0].ToUpperInvariant())
            {
                case "SIZE":
                    Capabilities |= SmtpCapabilities.Size;
                    if (parts.Length > 1 && uint.TryParse(parts[1], out var size)) MaxSize = size;
                    break;
                case "AUTH":
                    Capabilities |= SmtpCapabilities.Authentication;
                    foreach (var mechanism in parts.Skip(1)) AuthenticationMechanisms.Add(mechanism.ToUpperInvariant());
                    break;
                case "8BITMIME": Capabilities |= SmtpCapabilities.EightBitMime; break;
                case "PIPELINING": Capabilities |= SmtpCapabilities.Pipelining; break;
                case "STARTTLS": Capabilities |= SmtpCapabilities.StartTLS; break;
                case "SMTPUTF8": Capabilities |= SmtpCapabilities.SmtpUtf8; break;
                case "ENHANCEDSTATUSCODES": Capabilities |= SmtpCapabilities.EnhancedStatusCodes; break;
                case "BINARYMIME": Capabilities |= SmtpCapabilities.BinaryMime; break;
                case "CHUNKING": Capabilities |= SmtpCapabilities.Chunking; break;
                case "DSN": Capabilities |= SmtpCapabilities.Dsn; break;
            }
        }
    }

    /// <summary>Flushes what is queued and reads one reply.</summary>
    private async ValueTask<SmtpResponse> CommandAsync(SmtpStream smtp, CancellationToken cancellationToken)
    {
        await smtp.FlushAsync(cancellationToken).ConfigureAwait(false);
        return await ReadResponseAsync(smtp, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one reply; 421 at any point means the server is closing, so the client closes too.</summary>
    private async ValueTask<SmtpResponse> ReadResponseAsync(SmtpStream smtp, CancellationToken cancellationToken)
    {
        var response = await smtp.ReadResponseAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != SmtpStatusCode.ServiceNotAvailable) return response;
        Close();
        throw new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, response.StatusCode, null,
            $"The SMTP server {Host} is not available and closed the connection: {response}", response.EnhancedStatusCode);
    }

    private SmtpCommandException Refused(SmtpErrorCode code, SmtpResponse response, string what) =>
        new(code, response.StatusCode, null, $"The SMTP server {Host} refused {what}: {response}", response.EnhancedStatusCode);

    private protected override Exception ProtocolError(string message) => new SmtpProtocolException(message);

    private SmtpStream ConnectedStream() =>
        (SmtpStream?)Connection ?? throw new ServiceNotConnectedException();

    /// <summary>The failures after which the stream's state is unknown; <see cref="SmtpCommandException"/> is not one.</summary>
    private static bool IsBroken(Exception e) =>
        e is IOException or SmtpProtocolException or OperationCanceledException or SocketException or ObjectDisposedException;

    private static string? AddressLiteral(EndPoint? endPoint)
    {
        if (endPoint is not IPEndPoint { Address: var address }) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[IPv6:{address}]" : $"[{address}]";
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
