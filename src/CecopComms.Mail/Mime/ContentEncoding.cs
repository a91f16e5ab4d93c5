namespace CecopComms.Mail.Mime;

/// <summary>A Content-Transfer-Encoding (mirrors MimeKit.ContentEncoding).</summary>
public enum ContentEncoding
{
    /// <summary>Not chosen yet: <see cref="MimeEntity.Prepare"/> or the writer picks the best one.</summary>
    Default,

    /// <summary>ASCII text in lines of at most 998 octets.</summary>
    SevenBit,

    /// <summary>8-bit text in lines of at most 998 octets (needs 8BITMIME).</summary>
    EightBit,

    /// <summary>Raw bytes (needs BINARYMIME).</summary>
    Binary,

    /// <summary>Base64 (RFC 2045 §6.8).</summary>
    Base64,

    /// <summary>Quoted-printable (RFC 2045 §6.7).</summary>
    QuotedPrintable,
}
