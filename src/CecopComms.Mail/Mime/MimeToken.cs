namespace CecopComms.Mail.Mime;

/// <summary>RFC 2045 tokens: what may stand unquoted as a media type or parameter.</summary>
internal static class MimeToken
{
    private const string TSpecials = "()<>@,;:\\\"/[]?=";

    public static bool IsTokenChar(char c) => c > ' ' && c < 127 && !TSpecials.Contains(c);

    public static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
            return false;
        foreach (var c in s)
        {
            if (!IsTokenChar(c))
                return false;
        }
        return true;
    }
}
