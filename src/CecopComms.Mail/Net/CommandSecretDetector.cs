using CecopComms.Mail.Smtp;

namespace CecopComms.Mail.Net;

/// <summary>
/// Hides what a client writes while it logs in: on each command line, what follows the part the protocol shows
/// (<see cref="SecretStart"/>), and every other line of the exchange (SASL responses, literals). The client tells it
/// when an exchange starts and ends, so message data that happens to look like a login command is never hidden.
/// </summary>
internal abstract class CommandSecretDetector : IAuthenticationSecretDetector
{
    private static readonly AuthenticationSecret[] None = [];

    /// <summary>True from the login command until the server's final reply.</summary>
    public bool IsAuthenticating { get; set; }

    public IList<AuthenticationSecret> DetectSecrets(byte[] buffer, int offset, int count)
    {
        if (!IsAuthenticating || count == 0) return None;
        var secrets = new List<AuthenticationSecret>();
        var end = offset + count;
        var lineStart = offset;
        while (lineStart < end)
        {
            var lineEnd = Array.IndexOf(buffer, (byte)'\r', lineStart, end - lineStart);
            if (lineEnd < 0) lineEnd = end;
            var secretStart = SecretStart(buffer, lineStart, lineEnd);
            if (lineEnd > secretStart) secrets.Add(new AuthenticationSecret(secretStart, lineEnd - secretStart));
            lineStart = lineEnd + 2;
        }
        return secrets;
    }

    /// <summary>Where the secret part of the line from <paramref name="lineStart"/> to <paramref name="lineEnd"/> begins (<paramref name="lineStart"/>: all of it).</summary>
    private protected abstract int SecretStart(byte[] buffer, int lineStart, int lineEnd);
}
