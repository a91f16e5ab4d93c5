using System.Text;
using CecopComms.Mail.Smtp;

namespace CecopComms.Mail.Imap;

/// <summary>
/// Knows which client bytes are secret while the client logs in: what follows "LOGIN " or "AUTHENTICATE mechanism "
/// on the command line, and everything else written during the exchange (literals, SASL responses). Outside a login
/// nothing is hidden, so message data is logged as it is.
/// </summary>
internal sealed class ImapAuthenticationSecretDetector : IAuthenticationSecretDetector
{
    private static readonly AuthenticationSecret[] None = [];

    /// <summary>True from LOGIN/AUTHENTICATE until the tagged reply.</summary>
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
            var line = Encoding.ASCII.GetString(buffer, lineStart, lineEnd - lineStart);
            var secretStart = lineStart;
            var words = line.Split(' ', 4);
            if (words.Length >= 3 && words[1].Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
                secretStart = lineStart + words[0].Length + 7;
            else if (words.Length >= 3 && words[1].Equals("AUTHENTICATE", StringComparison.OrdinalIgnoreCase))
                secretStart = words.Length == 4 ? lineStart + words[0].Length + words[2].Length + 15 : lineEnd;
            if (lineEnd > secretStart) secrets.Add(new AuthenticationSecret(secretStart, lineEnd - secretStart));
            lineStart = lineEnd + 2;
        }
        return secrets;
    }
}
