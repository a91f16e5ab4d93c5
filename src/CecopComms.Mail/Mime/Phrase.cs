using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>RFC 5322 atoms and quoted strings, for display names and parameter values.</summary>
internal static class Phrase
{
    /// <summary>RFC 5322 atext, plus any non-ASCII character (RFC 6532).</summary>
    public static bool IsAtext(char c) =>
        c >= 128 || char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c);

    /// <summary>True when the text is a sequence of atoms separated by single spaces and holds nothing a decoder could take for an encoded word.</summary>
    public static bool IsPlainWords(string text)
    {
        if (text.Length == 0 || text[0] == ' ' || text[^1] == ' ' || text.Contains("=?", StringComparison.Ordinal))
            return false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ')
            {
                if (text[i - 1] == ' ')
                    return false;
            }
            else if (!IsAtext(c))
            {
                return false;
            }
        }
        return true;
    }

    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
                sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    public static string QuoteIfNeeded(string text) => text.Length == 0 || IsPlainWords(text) ? text : Quote(text);

    public static bool IsAscii(ReadOnlySpan<char> text) => System.Text.Ascii.IsValid(text);
}
