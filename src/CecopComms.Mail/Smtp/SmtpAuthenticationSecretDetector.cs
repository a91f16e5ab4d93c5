using System.Text;

namespace CecopComms.Mail.Smtp;

/// <summary>
/// Knows which client lines are secret: the initial response after "AUTH mechanism" and every line the client
/// writes while a SASL exchange is under way (LOGIN's user name and password). The client tells it when an
/// exchange starts and ends, so message data that happens to start with "AUTH" is never hidden.
/// </summary>
internal sealed class SmtpAuthenticationSecretDetector : IAuthenticationSecretDetector
{
    private static readonly AuthenticationSecret[] None = [];

    /// <summary>True from the AUTH command until the server's final reply.</summary>
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
            var secretStart = lineStart;
            if (StartsWithAuth(buffer, lineStart, lineEnd))
            {
                // "AUTH PLAIN <initial response>": only what follows the mechanism name is secret.
                var mechanismEnd = Array.IndexOf(buffer, (byte)' ', lineStart + 5, lineEnd - (lineStart + 5));
                secretStart = mechanismEnd < 0 ? lineEnd : mechanismEnd + 1;
            }
            if (lineEnd > secretStart) secrets.Add(new AuthenticationSecret(secretStart, lineEnd - secretStart));
            lineStart = lineEnd + 2;
        }
        return secrets;
    }

    private static bool StartsWithAuth(byte[] buffer, int start, int end) =>
        end - start > 5 && Ascii.EqualsIgnoreCase(buffer.AsSpan(start, 5), "AUTH "u8);
}
