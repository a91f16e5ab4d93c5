using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CecopComms.Mail.Smtp;

namespace CecopComms.Mail.Net;

/// <summary>
/// Opening a socket and negotiating TLS for every <see cref="MailService"/>: strict certificate validation unless a
/// callback decides otherwise, and timeouts reported as <see cref="IOException"/>.
/// </summary>
internal static class TlsConnector
{
    /// <summary>
    /// Connects a TCP socket within <paramref name="timeout"/> milliseconds; the socket's own send and receive timeouts
    /// are set too, for the SMTP message writer's synchronous writes, which no token can bound.
    /// </summary>
    /// <exception cref="SocketException">The server could not be reached.</exception>
    /// <exception cref="IOException">Timed out.</exception>
    public static async Task<NetworkStream> ConnectAsync(string host, int port, int timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout > 0) source.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(host, port, source.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new IOException($"Timed out after {timeout} ms connecting to {host}:{port}.", new TimeoutException());
            }
            socket.SendTimeout = socket.ReceiveTimeout = Math.Max(timeout, 0);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Negotiates TLS over <paramref name="inner"/> (which the returned stream owns).</summary>
    /// <exception cref="SslHandshakeException">TLS failed, e.g. the certificate was not trusted.</exception>
    /// <exception cref="IOException">Timed out.</exception>
    public static async Task<Stream> NegotiateAsync(Stream inner, string host, RemoteCertificateValidationCallback? callback, bool checkRevocation,
        SslProtocols protocols, int timeout, string callbackName, CancellationToken cancellationToken)
    {
        var errors = SslPolicyErrors.None;
        var tls = new SslStream(inner, leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = protocols,
            CertificateRevocationCheckMode = checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (sender, certificate, chain, sslPolicyErrors) =>
            {
                errors = sslPolicyErrors;
                return callback?.Invoke(sender, certificate, chain, sslPolicyErrors) ?? sslPolicyErrors == SslPolicyErrors.None;
            },
        };
        try
        {
            using var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout > 0) source.CancelAfter(timeout);
            await tls.AuthenticateAsClientAsync(options, source.Token).ConfigureAwait(false);
            return tls;
        }
        catch (System.Security.Authentication.AuthenticationException e)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw new SslHandshakeException(errors == SslPolicyErrors.None
                ? $"TLS negotiation with {host} failed: {e.Message}"
                : $"The certificate of {host} was not accepted ({errors}). Install its issuer as trusted, or accept this certificate deliberately with {callbackName}.", e);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"Timed out after {timeout} ms negotiating TLS with {host}.", new TimeoutException());
        }
    }
}
