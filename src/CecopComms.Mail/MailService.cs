using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using CecopComms.Mail.Net;
using CecopComms.Mail.Smtp;

namespace CecopComms.Mail;

/// <summary>
/// What the SMTP, POP3 and IMAP clients share (mirrors MailKit.MailService): the connection's state, its TLS
/// settings, the timeout, the protocol logger, and the plumbing that opens a socket, resolves the port and secures
/// the connection. Each client speaks its protocol over the <see cref="ProtocolStream"/> opened here.
/// </summary>
public abstract class MailService : IDisposable
{
    /// <summary>Two minutes, as MailKit.</summary>
    private const int DefaultTimeout = 120_000;

    private int _timeout = DefaultTimeout;

    /// <summary>A service that logs nothing.</summary>
    private protected MailService(CommandSecretDetector secretDetector) => SecretDetector = secretDetector;

    /// <summary>A service that logs the conversation with the secrets <paramref name="secretDetector"/> finds hidden.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="protocolLogger"/> is null.</exception>
    private protected MailService(IProtocolLogger protocolLogger, CommandSecretDetector secretDetector) : this(secretDetector)
    {
        ArgumentNullException.ThrowIfNull(protocolLogger);
        ProtocolLogger = protocolLogger;
        ProtocolLogger.AuthenticationSecretDetector = secretDetector;
    }

    /// <summary>Milliseconds each connect, read and write may take before the client gives up and disconnects (2 minutes by default; 0 or less: no limit).</summary>
    public int Timeout
    {
        get => _timeout;
        set
        {
            _timeout = value;
            if (Connection is not null) Connection.Timeout = value;
        }
    }

    /// <summary>True while a connection is open.</summary>
    public bool IsConnected => Connection is not null;

    /// <summary>True when the connection is under TLS.</summary>
    public bool IsSecure { get; private protected set; }

    /// <summary>True after a successful AuthenticateAsync on this connection (or, in IMAP, a PREAUTH greeting).</summary>
    public bool IsAuthenticated { get; private protected set; }

    /// <summary>
    /// Decides whether to trust the server's certificate. Null (the default) means strict validation: the chain must
    /// be trusted and the name must match. Set it only to accept a known certificate deliberately.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidationCallback { get; set; }

    /// <summary>Check certificate revocation during TLS (true by default).</summary>
    public bool CheckCertificateRevocation { get; set; } = true;

    /// <summary>TLS versions allowed; <see cref="SslProtocols.None"/> (the default) lets the operating system choose.</summary>
    public SslProtocols SslProtocols { get; set; } = SslProtocols.None;

    /// <summary>The logger given to the constructor, or null; the service disposes it.</summary>
    private protected IProtocolLogger? ProtocolLogger { get; }

    /// <summary>Tells the logger which client bytes are secret; on while the client authenticates.</summary>
    private protected CommandSecretDetector SecretDetector { get; }

    /// <summary>The open connection, or null.</summary>
    private protected ProtocolStream? Connection { get; set; }

    /// <summary>The server's name as given to ConnectAsync, for messages.</summary>
    internal string Host { get; private set; } = "";

    /// <summary>"SMTP", "POP3" or "IMAP", for messages.</summary>
    private protected abstract string Protocol { get; }

    /// <summary>The port used when none is given and the connection is not TLS from the start (25, 110, 143).</summary>
    private protected abstract int PlainPort { get; }

    /// <summary>The implicit-TLS port (465, 995, 993): the port used for SslOnConnect, and the one Auto takes for SslOnConnect.</summary>
    private protected abstract int TlsPort { get; }

    /// <summary>Closes the connection without saying goodbye (no QUIT or LOGOUT) and disposes the protocol logger, as MailKit does.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the connection without saying goodbye and disposes the protocol logger.</summary>
    /// <param name="disposing">Called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        Close();
        ProtocolLogger?.Dispose();
    }

    /// <summary>
    /// Greets the server over <paramref name="stream"/> (the client owns it from now on) and secures the connection as
    /// <paramref name="options"/> says; on failure the client closes it.
    /// </summary>
    /// <param name="stream">The open transport.</param>
    /// <param name="port">The resolved port, for logging.</param>
    /// <param name="options">Resolved: never Auto.</param>
    /// <param name="localEndPoint">The socket's local address when the service opened it, else null.</param>
    /// <param name="cancellationToken">Cancels the set-up.</param>
    private protected abstract Task SetUpAsync(Stream stream, int port, SecureSocketOptions options, EndPoint? localEndPoint, CancellationToken cancellationToken);

    /// <summary>ConnectAsync(host, …) for every client: checks, resolves port and options, opens the socket and sets up.</summary>
    private protected async Task ConnectSocketAsync(string host, int port, SecureSocketOptions options, CancellationToken cancellationToken)
    {
        CheckConnectArguments(host, port);
        (port, options) = Resolve(port, options);
        var stream = await TlsConnector.ConnectAsync(host, port, Timeout, cancellationToken).ConfigureAwait(false);
        Host = host;
        await SetUpAsync(stream, port, options, stream.Socket.LocalEndPoint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>ConnectAsync(stream, host, …) for every client: checks, resolves port and options and sets up; throws before returning a task.</summary>
    private protected Task ConnectStreamAsync(Stream stream, string host, int port, SecureSocketOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckConnectArguments(host, port);
        (port, options) = Resolve(port, options);
        Host = host;
        return SetUpAsync(stream, port, options, null, cancellationToken);
    }

    /// <summary>Negotiates TLS over <paramref name="inner"/> with this service's settings; the returned stream owns it.</summary>
    /// <exception cref="SslHandshakeException">TLS failed, e.g. the certificate was not trusted.</exception>
    /// <exception cref="IOException">Timed out.</exception>
    private protected Task<Stream> NegotiateTlsAsync(Stream inner, CancellationToken cancellationToken) =>
        TlsConnector.NegotiateAsync(inner, Host, ServerCertificateValidationCallback, CheckCertificateRevocation, SslProtocols, Timeout,
            GetType().Name + ".ServerCertificateValidationCallback", cancellationToken);

    /// <summary>
    /// Puts the open connection under TLS once the server has accepted STARTTLS (STLS). Anything already received was
    /// sent before TLS and could be an injected reply (CVE-2011-0411 style), so it fails the connection.
    /// </summary>
    /// <param name="command">The command the server accepted, for the message.</param>
    /// <param name="cancellationToken">Cancels the negotiation.</param>
    private protected async Task StartTlsAsync(string command, CancellationToken cancellationToken)
    {
        var connection = Connection ?? throw new ServiceNotConnectedException();
        if (connection.HasBufferedInput) throw ProtocolError($"The server sent data after its {command} reply, before TLS began.");
        connection.Stream = await NegotiateTlsAsync(connection.Stream, cancellationToken).ConfigureAwait(false);
        IsSecure = true;
    }

    /// <summary>The protocol's own exception for a conversation that broke.</summary>
    private protected abstract Exception ProtocolError(string message);

    /// <summary>Drops the connection without a word and forgets its state.</summary>
    private protected virtual void Close()
    {
        var connection = Connection;
        Connection = null;
        IsSecure = false;
        IsAuthenticated = false;
        connection?.Dispose();
    }

    private void CheckConnectArguments(string host, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        if (IsConnected) throw new InvalidOperationException($"The {Protocol} client is already connected.");
    }

    /// <summary>Port 0 and Auto resolved: the TLS port means SslOnConnect, any other StartTlsWhenAvailable.</summary>
    private (int Port, SecureSocketOptions Options) Resolve(int port, SecureSocketOptions options)
    {
        if (port == 0) port = options == SecureSocketOptions.SslOnConnect ? TlsPort : PlainPort;
        if (options == SecureSocketOptions.Auto) options = port == TlsPort ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
        return (port, options);
    }
}
