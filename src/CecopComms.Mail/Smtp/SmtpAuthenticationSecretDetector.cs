using System.Text;
using CecopComms.Mail.Net;

namespace CecopComms.Mail.Smtp;

/// <summary>
/// Knows which SMTP (and POP3) client lines are secret: the initial response after "AUTH mechanism" and every line
/// the client writes while a SASL exchange is under way (LOGIN's user name and password, POP3's USER and PASS).
/// </summary>
internal sealed class SmtpAuthenticationSecretDetector : CommandSecretDetector
{
    private protected override int SecretStart(byte[] buffer, int lineStart, int lineEnd)
    {
        if (!StartsWithAuth(buffer, lineStart, lineEnd)) return lineStart;
        // "AUTH PLAIN <initial response>": only what follows the mechanism name is secret.
        var mechanismEnd = Array.IndexOf(buffer, (byte)' ', lineStart + 5, lineEnd - (lineStart + 5));
        return mechanismEnd < 0 ? lineEnd : mechanismEnd + 1;
    }

    private static bool StartsWithAuth(byte[] buffer, int start, int end) =>
        end - start > 5 && Ascii.EqualsIgnoreCase(buffer.AsSpan(start, 5), "AUTH "u8);
}
