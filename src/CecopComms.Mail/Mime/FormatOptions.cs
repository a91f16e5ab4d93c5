namespace CecopComms.Mail.Mime;

/// <summary>How a message is written out (mirrors MimeKit.FormatOptions).</summary>
public sealed class FormatOptions
{
    /// <summary>Default options: CRLF, 78-column folding, no raw UTF-8 headers.</summary>
    public static FormatOptions Default { get; } = new();

    /// <summary>Line ending written; SMTP always uses <see cref="NewLineFormat.Dos"/>.</summary>
    public NewLineFormat NewLineFormat { get; set; } = NewLineFormat.Dos;

    /// <summary>When true, headers are written as raw UTF-8 (RFC 6532) instead of RFC 2047 encoded words; used when the server offers SMTPUTF8.</summary>
    public bool International { get; set; }

    /// <summary>Maximum line length used for folding (78 by default; never more than 998).</summary>
    public int MaxLineLength { get; set; } = 78;

    /// <summary>Headers that are never written out (Bcc is always hidden).</summary>
    public ISet<string> HiddenHeaders { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns an independent copy.</summary>
    public FormatOptions Clone()
    {
        var copy = new FormatOptions { NewLineFormat = NewLineFormat, International = International, MaxLineLength = MaxLineLength };
        foreach (var h in HiddenHeaders) copy.HiddenHeaders.Add(h);
        return copy;
    }
}
