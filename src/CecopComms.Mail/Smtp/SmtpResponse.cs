namespace CecopComms.Mail.Smtp;

/// <summary>One server reply (mirrors MailKit.Net.Smtp.SmtpResponse); the lines of a multi-line reply are joined by '\n'.</summary>
public class SmtpResponse
{
    /// <summary>Creates a reply.</summary>
    /// <param name="code">The three-digit code.</param>
    /// <param name="response">The text after the code, lines joined by '\n'.</param>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is null.</exception>
    public SmtpResponse(SmtpStatusCode code, string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        StatusCode = code;
        Response = response;
    }

    /// <summary>The reply code; its numeric value is the code even when the enum has no name for it.</summary>
    public SmtpStatusCode StatusCode { get; }

    /// <summary>The text after the code.</summary>
    public string Response { get; }

    /// <summary>The RFC 3463 enhanced status code at the start of the text (e.g. "5.1.1"), or null.</summary>
    public string? EnhancedStatusCode => ParseEnhancedStatusCode(Response);

    /// <summary>True for 2xx and 3xx.</summary>
    internal bool IsPositive => (int)StatusCode < 400;

    /// <summary>Code and text as the server wrote them, first line only.</summary>
    public override string ToString()
    {
        var newLine = Response.IndexOf('\n');
        return $"{(int)StatusCode} {(newLine < 0 ? Response : Response[..newLine])}";
    }

    // class.subject.detail with class 2, 4 or 5, subject and detail 1-3 digits (RFC 3463).
    private static string? ParseEnhancedStatusCode(string text)
    {
        if (text.Length < 5 || text[0] is not ('2' or '4' or '5') || text[1] != '.') return null;
        var i = 2;
        for (var part = 0; part < 2; part++)
        {
            var start = i;
            while (i < text.Length && i - start < 3 && char.IsAsciiDigit(text[i])) i++;
            if (i == start) return null;
            if (part == 0)
            {
                if (i >= text.Length || text[i] != '.') return null;
                i++;
            }
        }
        return i == text.Length || text[i] == ' ' ? text[..i] : null;
    }
}
