using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CecopComms.Mail.Net;
using CecopComms.Mail.Smtp;
using AuthenticationException = CecopComms.Mail.Smtp.AuthenticationException;

namespace CecopComms.Mail.Imap;

/// <summary>
/// An IMAP4rev1 client (mirrors MailKit.Net.Imap.ImapClient, the part a mailbox reader needs): connect, secure,
/// authenticate, then work on <see cref="Inbox"/>. Commands are tagged; untagged responses update the client and the
/// folder as they arrive; literals are read wherever they appear. Not safe for concurrent use.
/// </summary>
/// <remarks>
/// Two families of failure, as the SMTP client: <see cref="ImapCommandException"/> (NO/BAD) and
/// <see cref="AuthenticationException"/> leave the connection usable; everything else that escapes while talking
/// (<see cref="ImapProtocolException"/>, <see cref="IOException"/>, cancellation) leaves the stream in an unknown
/// state, so the client has disconnected itself.
/// </remarks>
public class ImapClient : MailService
{
    private readonly ImapFolder _inbox;
    private int _nextTag;

    /// <summary>Creates a client that logs nothing.</summary>
    public ImapClient() : base(new ImapAuthenticationSecretDetector()) => _inbox = new ImapFolder(this, "INBOX");

    /// <summary>Creates a client that logs the conversation, with credentials hidden.</summary>
    /// <param name="protocolLogger">Receives every byte both ways; owned by the client, which disposes it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="protocolLogger"/> is null.</exception>
    public ImapClient(IProtocolLogger protocolLogger) : base(protocolLogger, new ImapAuthenticationSecretDetector()) =>
        _inbox = new ImapFolder(this, "INBOX");

    /// <summary>What the server announced, from CAPABILITY responses and response codes.</summary>
    public ImapCapabilities Capabilities { get; private set; }

    /// <summary>The SASL mechanisms announced as AUTH=… (upper case).</summary>
    public HashSet<string> AuthenticationMechanisms { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The folder every account has; open it with <see cref="IMailFolder.OpenAsync"/> after authenticating.</summary>
    public IMailFolder Inbox => _inbox;

    /// <summary>Connects, reads the greeting and the capabilities, and secures the connection as <paramref name="options"/> says.</summary>
    /// <param name="host">Server name; also the name the certificate must carry.</param>
    /// <param name="port">0 means 993 for <see cref="SecureSocketOptions.SslOnConnect"/>, else 143.</param>
    /// <param name="options">How to secure the connection; Auto is SslOnConnect on 993, StartTlsWhenAvailable elsewhere.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <exception cref="ArgumentException"><paramref name="host"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 0 to 65535.</exception>
    /// <exception cref="InvalidOperationException">The client is already connected.</exception>
    /// <exception cref="SocketException">The server could not be reached.</exception>
    /// <exception cref="IOException">The connection broke or timed out.</exception>
    /// <exception cref="SslHandshakeException">TLS failed, e.g. the certificate was not trusted.</exception>
    /// <exception cref="NotSupportedException"><see cref="SecureSocketOptions.StartTls"/> was asked for and the server does not offer STARTTLS.</exception>
    /// <exception cref="ImapCommandException">The server refused CAPABILITY or STARTTLS.</exception>
    /// <exception cref="ImapProtocolException">The server did not speak IMAP, or greeted with BYE.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public Task ConnectAsync(string host, int port = 0, SecureSocketOptions options = SecureSocketOptions.Auto, CancellationToken cancellationToken = default) =>
        ConnectSocketAsync(host, port, options, cancellationToken);

    /// <summary>Speaks IMAP over a stream that is already open (a test double, a tunnel). The client owns the stream from now on.</summary>
    /// <param name="stream">The open stream.</param>
    /// <param name="host">Server name, for TLS and logging.</param>
    /// <param name="port">Only decides what Auto means (993: SslOnConnect).</param>
    /// <param name="options">How to secure the connection.</param>
    /// <param name="cancellationToken">Cancels the set-up.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="host"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 0 to 65535.</exception>
    /// <exception cref="InvalidOperationException">The client is already connected.</exception>
    /// <exception cref="IOException">The stream broke or timed out.</exception>
    /// <exception cref="SslHandshakeException">TLS failed.</exception>
    /// <exception cref="NotSupportedException"><see cref="SecureSocketOptions.StartTls"/> was asked for and the server does not offer STARTTLS.</exception>
    /// <exception cref="ImapCommandException">The server refused CAPABILITY or STARTTLS.</exception>
    /// <exception cref="ImapProtocolException">The server did not speak IMAP, or greeted with BYE.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public Task ConnectAsync(Stream stream, string host, int port = 0, SecureSocketOptions options = SecureSocketOptions.Auto, CancellationToken cancellationToken = default) =>
        ConnectStreamAsync(stream, host, port, options, cancellationToken);

    /// <summary>
    /// Logs in with AUTHENTICATE PLAIN when the server offers it (initial response on the command line with SASL-IR,
    /// else after the continuation), otherwise with LOGIN and the credentials as quoted strings (literals when they
    /// cannot be quoted).
    /// </summary>
    /// <param name="userName">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ArgumentNullException"><paramref name="userName"/> or <paramref name="password"/> is null.</exception>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">Already authenticated.</exception>
    /// <exception cref="NotSupportedException">The server offers neither PLAIN nor LOGIN (LOGINDISABLED, e.g. before TLS).</exception>
    /// <exception cref="AuthenticationException">The server refused the credentials; still connected.</exception>
    /// <exception cref="ImapProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public async Task AuthenticateAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        ConnectedStream();
        if (IsAuthenticated) throw new InvalidOperationException("The IMAP client is already authenticated.");
        var plain = AuthenticationMechanisms.Contains("PLAIN");
        if (!plain && (Capabilities & ImapCapabilities.LoginDisabled) != 0)
            throw new NotSupportedException($"The IMAP server {Host} offers neither AUTHENTICATE PLAIN nor LOGIN (LOGINDISABLED); connect with TLS.");
        List<object> command;
        if (plain)
        {
            var response = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{userName}\0{password}"));
            command = (Capabilities & ImapCapabilities.SaslIR) != 0
                ? ["AUTHENTICATE PLAIN " + response]
                : ["AUTHENTICATE PLAIN", new ContinuationAnswer(response)];
        }
        else
        {
            command = ["LOGIN "];
            AddAString(command, userName);
            command.Add(" ");
            AddAString(command, password);
        }
        ImapResponse done;
        try
        {
            SecretDetector.IsAuthenticating = true;
            done = await RunAsync(command, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SecretDetector.IsAuthenticating = false;
        }
        if (done.Status != ImapCommandResponse.Ok)
            throw new AuthenticationException($"The IMAP server {Host} refused the credentials for {userName}: {done.Text}");
        IsAuthenticated = true;
        // RFC 3501: capabilities may change after login; most servers send them in the OK's response code.
        if (done.Code is { } code && code.StartsWith("CAPABILITY ", StringComparison.OrdinalIgnoreCase))
            ReadCapabilities(code["CAPABILITY".Length..]);
        else
            await RequireOkAsync(["CAPABILITY"], null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends NOOP; the server reports new messages and expunges in untagged responses, which update the folder.</summary>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    /// <exception cref="ImapProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public Task NoOpAsync(CancellationToken cancellationToken = default) => RequireOkAsync(["NOOP"], null, cancellationToken);

    /// <summary>Closes the connection, first saying LOGOUT when <paramref name="quit"/> is true. Does nothing when not connected.</summary>
    /// <param name="quit">Say LOGOUT and wait for the reply; a failure to do so is ignored, since the connection closes anyway.</param>
    /// <param name="cancellationToken">Cancels the LOGOUT exchange; the connection is closed all the same.</param>
    /// <exception cref="OperationCanceledException">Cancelled during LOGOUT (the connection is closed).</exception>
    public async Task DisconnectAsync(bool quit, CancellationToken cancellationToken = default)
    {
        if (Connection is null) return;
        try
        {
            if (quit) await RunAsync(["LOGOUT"], null, cancellationToken, byeExpected: true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ImapProtocolException or ObjectDisposedException)
        {
            // Already going away: nothing to report.
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Runs a command that must end OK, for the folder; untagged responses not handled here go to <paramref name="untagged"/>.</summary>
    internal async Task<ImapResponse> RequireOkAsync(List<object> command, Action<ImapResponse>? untagged, CancellationToken cancellationToken)
    {
        var done = await RunAsync(command, untagged, cancellationToken).ConfigureAwait(false);
        if (done.Status == ImapCommandResponse.Ok) return done;
        var name = command[0] is string text ? text.Split(' ')[0] : "the command";
        if (name == "UID") name = "UID " + ((string)command[0]).Split(' ')[1];
        throw new ImapCommandException(done.Status, done.Text, $"The IMAP server {Host} refused {name}: {done.Status.ToString().ToUpperInvariant()} {done.Text}");
    }

    /// <summary>Fails unless the client is connected and logged in.</summary>
    internal void CheckAuthenticated()
    {
        ConnectedStream();
        if (!IsAuthenticated) throw new InvalidOperationException("The IMAP client is not authenticated; call AuthenticateAsync first.");
    }

    private protected override string Protocol => "IMAP";

    private protected override int PlainPort => 143;

    private protected override int TlsPort => 993;

    private protected override async Task SetUpAsync(Stream stream, int port, SecureSocketOptions options, EndPoint? localEndPoint, CancellationToken cancellationToken)
    {
        var host = Host;
        _nextTag = 0;
        Capabilities = ImapCapabilities.None;
        AuthenticationMechanisms.Clear();
        _inbox.Reset();
        try
        {
            if (options == SecureSocketOptions.SslOnConnect)
            {
                stream = await NegotiateTlsAsync(stream, cancellationToken).ConfigureAwait(false);
                IsSecure = true;
            }
            var imap = new ServiceStream(stream, ProtocolLogger, Timeout, ProtocolError);
            Connection = imap;
            ProtocolLogger?.LogConnect(new UriBuilder(IsSecure ? "imaps" : "imap", host, port).Uri);

            var greeting = await ImapResponse.ReadAsync(imap, cancellationToken).ConfigureAwait(false);
            var kind = greeting.Word(0).ToUpperInvariant();
            if (!greeting.IsUntagged || kind is not ("OK" or "PREAUTH" or "BYE"))
                throw new ImapProtocolException($"The server sent something that is not an IMAP greeting: \"{greeting}\".");
            if (kind == "BYE") throw new ImapProtocolException($"The IMAP server {host} refused the connection: {greeting.Text}");
            IsAuthenticated = kind == "PREAUTH";
            HandleUntagged(greeting);
            if (Capabilities == ImapCapabilities.None) await RequireOkAsync(["CAPABILITY"], null, cancellationToken).ConfigureAwait(false);

            if (options is SecureSocketOptions.StartTls or SecureSocketOptions.StartTlsWhenAvailable)
            {
                if ((Capabilities & ImapCapabilities.StartTLS) != 0)
                {
                    await RequireOkAsync(["STARTTLS"], null, cancellationToken).ConfigureAwait(false);
                    await StartTlsAsync("STARTTLS", cancellationToken).ConfigureAwait(false);
                    // RFC 3501 6.2.1: forget what was announced in clear text and ask again.
                    Capabilities = ImapCapabilities.None;
                    AuthenticationMechanisms.Clear();
                    await RequireOkAsync(["CAPABILITY"], null, cancellationToken).ConfigureAwait(false);
                }
                else if (options == SecureSocketOptions.StartTls)
                {
                    throw new NotSupportedException(
                        $"The IMAP server {host} does not offer STARTTLS, and SecureSocketOptions.StartTls requires it; nothing was sent in clear text beyond CAPABILITY.");
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

    /// <summary>
    /// Sends a tagged command and reads until its tagged reply. Parts are text, literals (byte arrays: sent as {n+}
    /// with LITERAL+, else as {n} after the server's "+" continuation) and answers to a continuation (SASL).
    /// </summary>
    private async Task<ImapResponse> RunAsync(List<object> command, Action<ImapResponse>? untagged, CancellationToken cancellationToken, bool byeExpected = false)
    {
        var imap = ConnectedStream();
        cancellationToken.ThrowIfCancellationRequested();
        var tag = "A" + (_nextTag++).ToString("D8", CultureInfo.InvariantCulture);
        try
        {
            imap.Queue(tag + " ");
            foreach (var part in command)
            {
                switch (part)
                {
                    case string text:
                        imap.Queue(text);
                        break;
                    case byte[] literal when (Capabilities & ImapCapabilities.LiteralPlus) != 0:
                        imap.Queue(string.Create(CultureInfo.InvariantCulture, $"{{{literal.Length}+}}\r\n"));
                        imap.Queue(literal);
                        break;
                    case byte[] literal:
                        imap.Queue(string.Create(CultureInfo.InvariantCulture, $"{{{literal.Length}}}\r\n"));
                        if (await ContinueAsync(imap, tag, untagged, byeExpected, cancellationToken).ConfigureAwait(false) is { } refused) return refused;
                        imap.Queue(literal);
                        break;
                    case ContinuationAnswer answer:
                        imap.Queue("\r\n");
                        if (await ContinueAsync(imap, tag, untagged, byeExpected, cancellationToken).ConfigureAwait(false) is { } failed) return failed;
                        imap.Queue(answer.Text);
                        break;
                }
            }
            imap.Queue("\r\n");
            await imap.FlushAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var response = await ImapResponse.ReadAsync(imap, cancellationToken).ConfigureAwait(false);
                if (response.Tag == tag) return response;
                if (response.IsContinuation)
                {
                    // A SASL challenge after the response was sent: cancel the exchange (RFC 3501 6.2.2, "*").
                    imap.Queue("*\r\n");
                    await imap.FlushAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                Dispatch(response, untagged, byeExpected);
            }
        }
        catch (Exception e) when (IsBroken(e))
        {
            Close();
            throw;
        }
    }

    /// <summary>Flushes and waits for "+"; returns the tagged reply instead when the server ends the command first.</summary>
    private async Task<ImapResponse?> ContinueAsync(ServiceStream imap, string tag, Action<ImapResponse>? untagged, bool byeExpected, CancellationToken cancellationToken)
    {
        await imap.FlushAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var response = await ImapResponse.ReadAsync(imap, cancellationToken).ConfigureAwait(false);
            if (response.IsContinuation) return null;
            if (response.Tag == tag) return response;
            Dispatch(response, untagged, byeExpected);
        }
    }

    private void Dispatch(ImapResponse response, Action<ImapResponse>? untagged, bool byeExpected)
    {
        if (!response.IsUntagged) throw new ImapProtocolException($"The server sent a response with a tag the client never used: \"{response}\".");
        if (response.Word(0).Equals("BYE", StringComparison.OrdinalIgnoreCase))
        {
            if (byeExpected) return;
            throw new ImapProtocolException($"The IMAP server {Host} is closing the connection: {response.Text}");
        }
        if (!HandleUntagged(response)) untagged?.Invoke(response);
    }

    /// <summary>Responses about the session and the selected folder; false for those the running command wants.</summary>
    private bool HandleUntagged(ImapResponse response)
    {
        var first = response.Word(0).ToUpperInvariant();
        if (first == "CAPABILITY")
        {
            ReadCapabilities(response.Rest["CAPABILITY".Length..]);
            return true;
        }
        if (first is "OK" or "PREAUTH" && response.Code is { } code)
        {
            if (code.StartsWith("CAPABILITY ", StringComparison.OrdinalIgnoreCase)) ReadCapabilities(code["CAPABILITY".Length..]);
            else _inbox.OnResponseCode(code);
            return true;
        }
        if (response.TryNumber(0, out var number))
        {
            switch (response.Word(1).ToUpperInvariant())
            {
                case "EXISTS":
                    _inbox.OnExists(number);
                    return true;
                case "EXPUNGE":
                    _inbox.OnExpunge();
                    return true;
                case "RECENT":
                    return true;
            }
        }
        // FLAGS and informational OK/NO/BAD change nothing a reader uses; SEARCH, FETCH and the rest belong to the command.
        return first is "FLAGS" or "OK" or "NO" or "BAD";
    }

    private void ReadCapabilities(string list)
    {
        Capabilities = ImapCapabilities.None;
        AuthenticationMechanisms.Clear();
        foreach (var word in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var atom = word.ToUpperInvariant();
            if (atom.StartsWith("AUTH=", StringComparison.Ordinal))
            {
                AuthenticationMechanisms.Add(atom[5..]);
                continue;
            }
            Capabilities |= atom switch
            {
                "IMAP4REV1" => ImapCapabilities.IMAP4rev1,
                "STARTTLS" => ImapCapabilities.StartTLS,
                "LOGINDISABLED" => ImapCapabilities.LoginDisabled,
                "SASL-IR" => ImapCapabilities.SaslIR,
                "LITERAL+" => ImapCapabilities.LiteralPlus,
                "UIDPLUS" => ImapCapabilities.UidPlus,
                "IDLE" => ImapCapabilities.Idle,
                "MOVE" => ImapCapabilities.Move,
                _ => ImapCapabilities.None,
            };
        }
    }

    /// <summary>An astring: quoted when it can be (7-bit, no CR/LF/NUL), else a literal of its UTF-8 bytes.</summary>
    private static void AddAString(List<object> command, string value)
    {
        if (value.All(c => c is > '\0' and < '\u0080' and not '\r' and not '\n'))
            command.Add("\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
        else
            command.Add(Encoding.UTF8.GetBytes(value));
    }

    private protected override Exception ProtocolError(string message) => new ImapProtocolException(message);

    private ServiceStream ConnectedStream() =>
        (ServiceStream?)Connection ?? throw new ServiceNotConnectedException("The IMAP client is not connected; call ConnectAsync first.");

    private static bool IsBroken(Exception e) =>
        e is IOException or ImapProtocolException or OperationCanceledException or SocketException or ObjectDisposedException;

    /// <summary>Also forgets the selected folder's state, which belonged to the closed connection.</summary>
    private protected override void Close()
    {
        _inbox.Reset();
        base.Close();
    }

    /// <summary>What the client sends after the server's "+" continuation, e.g. a SASL response.</summary>
    internal sealed record ContinuationAnswer(string Text);
}
