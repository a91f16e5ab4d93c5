namespace CecopComms.Mail.Mime;

/// <summary>Line ending style (mirrors MimeKit.NewLineFormat).</summary>
public enum NewLineFormat
{
    /// <summary>LF, for files and tools; never for SMTP.</summary>
    Unix,

    /// <summary>CRLF, what SMTP and DKIM require.</summary>
    Dos,
}
