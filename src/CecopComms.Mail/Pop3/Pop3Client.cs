using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CecopComms.Mail.Mime;
using CecopComms.Mail.Net;
using CecopComms.Mail.Smtp;
using AuthenticationException = CecopComms.Mail.Smtp.AuthenticationException;

namespace CecopComms.Mail.Pop3;

/// <summary>
/// A POP3 client (mirrors MailKit.Net.Pop3.Pop3Client): connect, secure, authenticate, then count, list, fetch and
/// delete messages by index (0-based, as MailKit). Deletions take effect only when <see cref="DisconnectAsync"/> says
/// QUIT (RFC 1939): a connection that breaks first leaves every message in place. Not safe for concurrent use.
/// </summary>
/// <remarks>
/// Two families of failure, as the SMTP client: <see cref="Pop3CommandException"/> and
/// <see cref="AuthenticationException"/> mean the server said -ERR and the connection is still usable; everything else
/// that escapes while talking (<see cref="Pop3ProtocolException"/>, <see cref="IOException"/>, cancellation) leaves the
/// stream in an unknown state, so the client has disconnected itself.
/// </remarks>
public class Pop3Client : MailService
{
    /// <summary>Creates a client that logs nothing.</summary>
    public Pop3Client() : base(new SmtpAuthenticationSecretDetector()) { }

    // The SMTP detector fits POP3 as it is: "AUTH PLAIN <secret>", and every line (USER, PASS) while authenticating.
    /// <summary>Creates a client that logs the conversation, with passwords hidden.</summary>
    /// <param name="protocolLogger">Receives every byte both ways; owned by the client, which disposes it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="protocolLogger"/> is null.</exception>
    public Pop3Client(IProtocolLogger protocolLogger) : base(protocolLogger, new SmtpAuthenticationSecretDetector()) { }

    /// <summary>What the server announced in its last CAPA reply.</summary>
    public Pop3Capabilities Capabilities { get; private set; }

    /// <summary>The SASL mechanisms announced with SASL in CAPA (upper case).</summary>
    public HashSet<string> AuthenticationMechanisms { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Messages in the mailbox, as of authentication or the last <see cref="GetMessageCountAsync"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Connects, reads the greeting, asks for the capabilities and secures the connection as <paramref name="options"/> says.</summary>
    /// <param name="host">Server name; also the name the certificate must carry.</param>
    /// <param name="port">0 means 995 for <see cref="SecureSocketOptions.SslOnConnect"/>, else 110.</param>
    /// <param name="options">How to secure the connection; Auto is SslOnConnect on 995, StartTlsWhenAvailable elsewhere.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <exception cref="ArgumentException"><paramref name="host"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 0 to 65535.</exception>
    /// <exception cref="InvalidOperationException">The client is already connected.</exception>
    /// <exception cref="SocketException">The server could not be reached.</exception>
    /// <exception cref="IOException">The connection broke or timed out.</exception>
    /// <exception cref="SslHandshakeException">TLS failed, e.g. the certificate was not trusted.</exception>
    /// <exception cref="NotSupportedException"><see cref="SecureSocketOptions.StartTls"/> was asked for and the server does not offer STLS.</exception>
    /// <exception cref="Pop3CommandException">The server refused the greeting or STLS.</exception>
    /// <exception cref="Pop3ProtocolException">The server did not speak POP3.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public Task ConnectAsync(string host, int port = 0, SecureSocketOptions options = SecureSocketOptions.Auto, CancellationToken cancellationToken = default) =>
        ConnectSocketAsync(host, port, options, cancellationToken);

    /// <summary>Speaks POP3 over a stream that is already open (a test double, a tunnel). The client owns the stream from now on.</summary>
    /// <param name="stream">The open stream.</param>
    /// <param name="host">Server name, for TLS and logging.</param>
    /// <param name="port">Only decides what Auto means (995: SslOnConnect).</param>
    /// <param name="options">How to secure the connection.</param>
    /// <param name="cancellationToken">Cancels the set-up.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="host"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 0 to 65535.</exception>
    /// <exception cref="InvalidOperationException">The client is already connected.</exception>
    /// <exception cref="IOException">The stream broke or timed out.</exception>
    /// <exception cref="SslHandshakeException">TLS failed.</exception>
    /// <exception cref="NotSupportedException"><see cref="SecureSocketOptions.StartTls"/> was asked for and the server does not offer STLS.</exception>
    /// <exception cref="Pop3CommandException">The server refused the greeting or STLS.</exception>
    /// <exception cref="Pop3ProtocolException">The server did not speak POP3.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public Task ConnectAsync(Stream stream, string host, int port = 0, SecureSocketOptions options = SecureSocketOptions.Auto, CancellationToken cancellationToken = default) =>
        ConnectStreamAsync(stream, host, port, options, cancellationToken);

    /// <summary>
    /// Logs in with SASL PLAIN when CAPA announces it, else USER and PASS; then reads the message count (STAT).
    /// </summary>
    /// <param name="userName">The mailbox's user name.</param>
    /// <param name="password">Its password.</param>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ArgumentNullException"><paramref name="userName"/> or <paramref name="password"/> is null.</exception>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">Already authenticated.</exception>
    /// <exception cref="AuthenticationException">The server refused the credentials; still connected.</exception>
    /// <exception cref="Pop3CommandException">STAT was refused.</exception>
    /// <exception cref="Pop3ProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public async Task AuthenticateAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var pop3 = ConnectedStream();
        if (IsAuthenticated) throw new InvalidOperationException("The POP3 client is already authenticated.");
        cancellationToken.ThrowIfCancellationRequested();
        (bool Ok, string Text) reply;
        try
        {
            SecretDetector.IsAuthenticating = true;
            if ((Capabilities & Pop3Capabilities.Sasl) != 0 && AuthenticationMechanisms.Contains("PLAIN"))
            {
                // RFC 5034 allows the initial response on the AUTH line, saving a round trip.
                reply = await CommandAsync(pop3, "AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{userName}\0{password}")), cancellationToken)
                    .ConfigureAwait(false);
            }
            else
            {
                reply = await CommandAsync(pop3, "USER " + Line(userName), cancellationToken).ConfigureAwait(false);
                if (reply.Ok) reply = await CommandAsync(pop3, "PASS " + Line(password), cancellationToken).ConfigureAwait(false);
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
        if (!reply.Ok) throw new AuthenticationException($"The POP3 server {Host} refused the credentials for {userName}: {reply.Text}");
        IsAuthenticated = true;
        await GetMessageCountAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the server how many messages the mailbox holds (STAT) and updates <see cref="Count"/>.</summary>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">Not authenticated.</exception>
    /// <exception cref="Pop3CommandException">STAT was refused.</exception>
    /// <exception cref="Pop3ProtocolException">The reply was not "+OK count size"; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public async Task<int> GetMessageCountAsync(CancellationToken cancellationToken = default)
    {
        var text = await RequiredAsync("STAT", cancellationToken).ConfigureAwait(false);
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 1 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw Broken($"The POP3 server {Host} answered STAT with \"{text}\", not a message count.");
        return Count = count;
    }

    /// <summary>The unique id of every message, in index order (UIDL).</summary>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">Not authenticated.</exception>
    /// <exception cref="Pop3CommandException">UIDL was refused (a server without UIDL).</exception>
    /// <exception cref="Pop3ProtocolException">A line was not "index uid"; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public async Task<IList<string>> GetMessageUidsAsync(CancellationToken cancellationToken = default)
    {
        await RequiredAsync("UIDL", cancellationToken).ConfigureAwait(false);
        var uids = new List<string>();
        try
        {
            var listing = await ReadMultiLineAsync(ConnectedStream(), cancellationToken).ConfigureAwait(false);
            foreach (var line in Encoding.ASCII.GetString(listing.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2) throw new Pop3ProtocolException($"The POP3 server {Host} sent a UIDL line that is not \"index uid\": \"{line}\".");
                uids.Add(parts[1]);
            }
        }
        catch (Exception e) when (IsBroken(e))
        {
            Close();
            throw;
        }
        return uids;
    }

    /// <summary>
    /// The raw message at <paramref name="index"/> (RETR), dot-unstuffed, with CRLF line ends, in a seekable stream at
    /// position 0 that the caller disposes.
    /// </summary>
    /// <param name="index">0-based index, below <see cref="Count"/>.</param>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">Not authenticated.</exception>
    /// <exception cref="Pop3CommandException">No such message (or it is marked deleted).</exception>
    /// <exception cref="Pop3ProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public async Task<Stream> GetStreamAsync(int index, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        await RequiredAsync(string.Create(CultureInfo.InvariantCulture, $"RETR {index + 1}"), cancellationToken).ConfigureAwait(false);
        try
        {
            var message = await ReadMultiLineAsync(ConnectedStream(), cancellationToken).ConfigureAwait(false);
            message.Position = 0;
            return message;
        }
        catch (Exception e) when (IsBroken(e))
        {
            Close();
            throw;
        }
    }

    /// <summary>The message at <paramref name="index"/>, parsed.</summary>
    /// <param name="index">0-based index, below <see cref="Count"/>.</param>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">Not authenticated.</exception>
    /// <exception cref="Pop3CommandException">No such message.</exception>
    /// <exception cref="Pop3ProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="MessageParseException">The bytes are not an e-mail message.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public async Task<MimeMessage> GetMessageAsync(int index, CancellationToken cancellationToken = default)
    {
        await using var stream = await GetStreamAsync(index, cancellationToken).ConfigureAwait(false);
        return MimeMessage.Load(stream, cancellationToken);
    }

    /// <summary>Marks the message at <paramref name="index"/> deleted (DELE); it goes when QUIT commits the session.</summary>
    /// <param name="index">0-based index.</param>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">Not authenticated.</exception>
    /// <exception cref="Pop3CommandException">No such message, or already deleted.</exception>
    /// <exception cref="Pop3ProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public async Task DeleteMessageAsync(int index, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        await RequiredAsync(string.Create(CultureInfo.InvariantCulture, $"DELE {index + 1}"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Undoes every deletion of this session (RSET).</summary>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">Not authenticated.</exception>
    /// <exception cref="Pop3CommandException">RSET was refused.</exception>
    /// <exception cref="Pop3ProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public Task ResetAsync(CancellationToken cancellationToken = default) => RequiredAsync("RSET", cancellationToken);

    /// <summary>Sends NOOP, to keep the session alive.</summary>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ServiceNotConnectedException">Not connected.</exception>
    /// <exception cref="InvalidOperationException">Not authenticated.</exception>
    /// <exception cref="Pop3CommandException">NOOP was refused.</exception>
    /// <exception cref="Pop3ProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; disconnected.</exception>
    public Task NoOpAsync(CancellationToken cancellationToken = default) => RequiredAsync("NOOP", cancellationToken);

    /// <summary>
    /// Closes the connection, first saying QUIT when <paramref name="quit"/> is true: only QUIT makes the server carry
    /// out the deletions of the session. Does nothing when not connected.
    /// </summary>
    /// <param name="quit">Say QUIT and wait for the reply.</param>
    /// <param name="cancellationToken">Cancels the QUIT exchange; the connection is closed all the same.</param>
    /// <exception cref="Pop3CommandException">The server answered QUIT with -ERR: it could not remove the deleted messages (the connection is closed).</exception>
    /// <exception cref="OperationCanceledException">Cancelled during QUIT (the connection is closed).</exception>
    public async Task DisconnectAsync(bool quit, CancellationToken cancellationToken = default)
    {
        if (Connection is not ServiceStream pop3) return;
        (bool Ok, string Text) reply = (true, "");
        try
        {
            if (quit) reply = await CommandAsync(pop3, "QUIT", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or Pop3ProtocolException or ObjectDisposedException)
        {
            // Already going away: nothing to report.
        }
        finally
        {
            Close();
        }
        // RFC 1939: -ERR to QUIT means some deleted messages were not removed; the caller must not believe they were.
        if (!reply.Ok) throw new Pop3CommandException($"The POP3 server {Host} could not remove the deleted messages: {reply.Text}", reply.Text);
    }

    private protected override string Protocol => "POP3";

    private protected override int PlainPort => 110;

    private protected override int TlsPort => 995;

    private protected override async Task SetUpAsync(Stream stream, int port, SecureSocketOptions options, EndPoint? localEndPoint, CancellationToken cancellationToken)
    {
        var host = Host;
        Capabilities = Pop3Capabilities.None;
        AuthenticationMechanisms.Clear();
        Count = 0;
        try
        {
            if (options == SecureSocketOptions.SslOnConnect)
            {
                stream = await NegotiateTlsAsync(stream, cancellationToken).ConfigureAwait(false);
                IsSecure = true;
            }
            var pop3 = new ServiceStream(stream, ProtocolLogger, Timeout, ProtocolError);
            Connection = pop3;
            ProtocolLogger?.LogConnect(new UriBuilder(IsSecure ? "pops" : "pop", host, port).Uri);

            var greeting = await ReadReplyAsync(pop3, cancellationToken).ConfigureAwait(false);
            if (!greeting.Ok) throw new Pop3CommandException($"The POP3 server {host} refused the connection: {greeting.Text}", greeting.Text);
            await ReadCapabilitiesAsync(pop3, cancellationToken).ConfigureAwait(false);

            if (options is SecureSocketOptions.StartTls or SecureSocketOptions.StartTlsWhenAvailable)
            {
                if ((Capabilities & Pop3Capabilities.StartTLS) != 0)
                {
                    var reply = await CommandAsync(pop3, "STLS", cancellationToken).ConfigureAwait(false);
                    if (!reply.Ok) throw new Pop3CommandException($"The POP3 server {host} refused STLS: {reply.Text}", reply.Text);
                    await StartTlsAsync("STLS", cancellationToken).ConfigureAwait(false);
                    // RFC 2595: what was announced in clear text may have been altered; ask again under TLS.
                    await ReadCapabilitiesAsync(pop3, cancellationToken).ConfigureAwait(false);
                }
                else if (options == SecureSocketOptions.StartTls)
                {
                    throw new NotSupportedException(
                        $"The POP3 server {host} does not offer STLS, and SecureSocketOptions.StartTls requires it; nothing was sent in clear text beyond CAPA.");
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

    private async Task ReadCapabilitiesAsync(ServiceStream pop3, CancellationToken cancellationToken)
    {
        Capabilities = Pop3Capabilities.None;
        AuthenticationMechanisms.Clear();
        var reply = await CommandAsync(pop3, "CAPA", cancellationToken).ConfigureAwait(false);
        if (!reply.Ok) return; // An RFC 1939 server without CAPA: USER/PASS is all there is.
        var listing = await ReadMultiLineAsync(pop3, cancellationToken).ConfigureAwait(false);
        foreach (var line in Encoding.ASCII.GetString(listing.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (parts[0].ToUpperInvariant())
            {
                case "SASL":
                    Capabilities |= Pop3Capabilities.Sasl;
                    foreach (var mechanism in parts.Skip(1)) AuthenticationMechanisms.Add(mechanism.ToUpperInvariant());
                    break;
                case "USER": Capabilities |= Pop3Capabilities.User; break;
                case "STLS": Capabilities |= Pop3Capabilities.StartTLS; break;
                case "UIDL": Capabilities |= Pop3Capabilities.UIDL; break;
                case "TOP": Capabilities |= Pop3Capabilities.Top; break;
                case "PIPELINING": Capabilities |= Pop3Capabilities.Pipelining; break;
                case "RESP-CODES": Capabilities |= Pop3Capabilities.ResponseCodes; break;
            }
        }
    }

    /// <summary>A command that must succeed, in the TRANSACTION state; returns the text after +OK.</summary>
    private async Task<string> RequiredAsync(string command, CancellationToken cancellationToken)
    {
        var pop3 = ConnectedStream();
        if (!IsAuthenticated) throw new InvalidOperationException("The POP3 client is not authenticated; call AuthenticateAsync first.");
        cancellationToken.ThrowIfCancellationRequested();
        (bool Ok, string Text) reply;
        try
        {
            reply = await CommandAsync(pop3, command, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsBroken(e))
        {
            Close();
            throw;
        }
        if (!reply.Ok) throw new Pop3CommandException($"The POP3 server {Host} refused {command}: {reply.Text}", reply.Text);
        return reply.Text;
    }

    private static async Task<(bool Ok, string Text)> CommandAsync(ServiceStream pop3, string command, CancellationToken cancellationToken)
    {
        pop3.Queue(command + "\r\n");
        await pop3.FlushAsync(cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(pop3, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(bool Ok, string Text)> ReadReplyAsync(ServiceStream pop3, CancellationToken cancellationToken)
    {
        var line = await pop3.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(line);
        if (text.StartsWith("+OK", StringComparison.Ordinal)) return (true, text[3..].TrimStart());
        if (text.StartsWith("-ERR", StringComparison.Ordinal)) return (false, text[4..].TrimStart());
        throw new Pop3ProtocolException($"The server sent something that is not a POP3 reply: \"{(text.Length > 80 ? text[..80] : text)}\".");
    }

    /// <summary>Reads a multi-line body up to the lone "." and removes the dot-stuffing (RFC 1939 section 3); every line ends in CRLF.</summary>
    private static async Task<MemoryStream> ReadMultiLineAsync(ServiceStream pop3, CancellationToken cancellationToken)
    {
        var output = new MemoryStream();
        while (true)
        {
            var line = await pop3.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.Count > 0 && line[0] == '.')
            {
                if (line.Count == 1) return output;
                line = line[1..];
            }
            output.Write(line);
            output.Write("\r\n"u8);
        }
    }

    /// <summary>A user name or password must not end the command line early.</summary>
    private static string Line(string argument) =>
        argument.Contains('\r') || argument.Contains('\n')
            ? throw new ArgumentException("A POP3 user name or password cannot contain a line break.", nameof(argument))
            : argument;

    private Pop3ProtocolException Broken(string message)
    {
        Close();
        return new Pop3ProtocolException(message);
    }

    private protected override Exception ProtocolError(string message) => new Pop3ProtocolException(message);

    private ServiceStream ConnectedStream() =>
        (ServiceStream?)Connection ?? throw new ServiceNotConnectedException("The POP3 client is not connected; call ConnectAsync first.");

    private static bool IsBroken(Exception e) =>
        e is IOException or Pop3ProtocolException or OperationCanceledException or SocketException or ObjectDisposedException;
}
