using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>A text part, <c>text/plain</c> or <c>text/html</c>, stored as UTF-8 with CRLF line breaks (mirrors MimeKit.TextPart).</summary>
public class TextPart : MimePart
{
    /// <summary>Creates an empty <c>text/plain</c> part.</summary>
    public TextPart() : this("plain") { }

    /// <summary>Creates an empty <c>text/<paramref name="subtype"/></c> part.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="subtype"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="subtype"/> is not a token.</exception>
    public TextPart(string subtype) : base("text", subtype)
    {
        ContentType.Charset = "utf-8";
        Content = new MimeContent([]);
    }

    /// <summary>True for <c>text/html</c>.</summary>
    public bool IsHtml => ContentType.IsMimeType("text", "html");

    /// <summary>True for <c>text/plain</c>.</summary>
    public bool IsPlain => ContentType.IsMimeType("text", "plain");

    /// <summary>The text, decoded with the part's charset; setting stores UTF-8 with CRLF line breaks.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public string Text
    {
        get => GetText(CharsetEncoding());
        set => SetText(Encoding.UTF8, value);
    }

    /// <summary>Stores <paramref name="text"/> in <paramref name="encoding"/> and sets the charset parameter to match.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void SetText(Encoding encoding, string text)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        ArgumentNullException.ThrowIfNull(text);
        // RFC 2046 §4.1.1: text travels in canonical form, CRLF line breaks.
        var canonical = text.ReplaceLineEndings("\r\n");
        Content = new MimeContent(encoding.GetBytes(canonical));
        ContentType.Charset = encoding.WebName;
        // The old choice was made for other bytes.
        ContentTransferEncoding = ContentEncoding.Default;
    }

    /// <summary>Decodes the content with <paramref name="encoding"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="encoding"/> is null.</exception>
    public string GetText(Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return Content is null ? "" : encoding.GetString(Content.Data.Span);
    }

    private Encoding CharsetEncoding()
    {
        // Legacy code pages (windows-1252, iso-8859-15) come from the code-page provider; a received part
        // with no or an unknown charset is read as UTF-8, whose decoder marks bad bytes with U+FFFD.
        if (ContentType.Charset is not { } charset)
            return Content is not null && Ascii.IsValid(Content.Data.Span) ? Encoding.ASCII : Encoding.UTF8;
        return Charsets.Find(charset) ?? Encoding.UTF8;
    }
}
