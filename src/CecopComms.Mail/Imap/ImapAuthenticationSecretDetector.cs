using System.Text;
using CecopComms.Mail.Net;

namespace CecopComms.Mail.Imap;

/// <summary>
/// Knows which IMAP client bytes are secret while the client logs in: what follows "LOGIN " or
/// "AUTHENTICATE mechanism " on the tagged command line, and everything else written during the exchange.
/// </summary>
internal sealed class ImapAuthenticationSecretDetector : CommandSecretDetector
{
    private protected override int SecretStart(byte[] buffer, int lineStart, int lineEnd)
    {
        var line = Encoding.ASCII.GetString(buffer, lineStart, lineEnd - lineStart);
        var words = line.Split(' ', 4);
        if (words.Length >= 3 && words[1].Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
            return lineStart + words[0].Length + 7;
        if (words.Length >= 3 && words[1].Equals("AUTHENTICATE", StringComparison.OrdinalIgnoreCase))
            return words.Length == 4 ? lineStart + words[0].Length + words[2].Length + 15 : lineEnd;
        return lineStart;
    }
}
