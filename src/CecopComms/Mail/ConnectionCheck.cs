using System.Net.Sockets;
using MailKit.Security;

namespace CecopComms.Mail;

/// <summary>
/// The plain sentence the settings page shows for a failed check of a mail server (SMTP or the bounce mailbox): what
/// failed, at which address, without settings names or stack traces. Shared by <see cref="SmtpCheck"/> and the bounce
/// mailbox check.
/// </summary>
public static class ConnectionCheck
{
    /// <summary>How long a check may take in all, connection, TLS and sign-in together.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The sentence for <paramref name="failure"/> at <paramref name="where"/> ("127.0.0.1:2525"); null for one it does not know.</summary>
    public static string? Sentence(string where, Exception failure) => failure switch
    {
        AuthenticationException => $"Connected to {where}, but the server refused the user name or password.",
        SslHandshakeException e => $"Connected to {where}, but the secure connection (TLS) failed: {FirstLine(e.Message)}",
        NotSupportedException e => $"Connected to {where}, but the server does not offer what the security or sign-in settings ask for: {FirstLine(e.Message)}",
        SocketException e => $"Could not connect to {where}: {Reason(e)}.",
        OperationCanceledException => $"{where} did not answer within {Timeout.TotalSeconds:0} seconds.",
        IOException e => $"The connection to {where} failed: {FirstLine(e.Message)}",
        _ when failure.InnerException is { } inner => Sentence(where, inner),
        _ => null,
    };

    private static string Reason(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData => "no such host",
        SocketError.TimedOut => "no answer",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "the network cannot reach it",
        _ => FirstLine(e.Message).TrimEnd('.'),
    };

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
