namespace CecopComms.Mail.Mime;

/// <summary>A leaf part holding content, e.g. an attachment or an inline image (mirrors MimeKit.MimePart).</summary>
public class MimePart : MimeEntity
{
    /// <summary>Creates an <c>application/octet-stream</c> part.</summary>
    public MimePart() { }

    /// <summary>Creates a part of the given type.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The type or subtype is not a token.</exception>
    public MimePart(string mediaType, string mediaSubtype) : base(new ContentType(mediaType, mediaSubtype)) { }

    /// <summary>Creates a part of the given type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="contentType"/> is null.</exception>
    public MimePart(ContentType contentType) : base(contentType) { }

    /// <summary>The decoded content, or null for an empty part.</summary>
    public MimeContent? Content { get; set; }

    /// <summary>The transfer encoding; <see cref="ContentEncoding.Default"/> lets <see cref="MimeEntity.Prepare"/> choose.</summary>
    public ContentEncoding ContentTransferEncoding { get; set; }

    /// <summary>The file name: Content-Disposition's filename, else Content-Type's name. Setting writes both and makes the part an attachment if it had no disposition.</summary>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL.</exception>
    public string? FileName
    {
        get => ContentDisposition?.FileName ?? ContentType.Name;
        set
        {
            if (value is not null)
                ContentDisposition ??= new ContentDisposition(ContentDisposition.Attachment);
            if (ContentDisposition is not null)
                ContentDisposition.FileName = value;
            ContentType.Name = value;
        }
    }

    /// <summary>The encoding <see cref="MimeEntity.Prepare"/> would choose: base64 when 17% or more bytes are 8-bit or a NUL occurs; quoted-printable for text with 8-bit bytes the transport cannot carry or with long lines; else 7bit/8bit.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLineLength"/> is not between 60 and 998.</exception>
    public ContentEncoding GetBestEncoding(EncodingConstraint constraint, int maxLineLength = 78)
    {
        CheckLineLength(maxLineLength);
        var data = Content is null ? default : Content.Data.Span;
        return ContentAnalysis.Of(data).Best(IsTextual, constraint, maxLineLength);
    }

    /// <inheritdoc/>
    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
        CheckLineLength(maxLineLength);
        if (ContentTransferEncoding is ContentEncoding.Base64 or ContentEncoding.QuotedPrintable)
            return;
        if (ContentTransferEncoding == ContentEncoding.Binary && constraint == EncodingConstraint.None)
            return;
        ContentTransferEncoding = GetBestEncoding(constraint, maxLineLength);
    }

    /// <summary>Text is what quoted-printable and line-break normalisation may touch; everything else is bytes.</summary>
    private bool IsTextual => ContentType.IsMimeType("text", "*");

    /// <summary>The encoding used when writing: the chosen one, or the best for the options when none was chosen.</summary>
    internal ContentEncoding EffectiveEncoding(FormatOptions options) =>
        ContentTransferEncoding != ContentEncoding.Default
            ? ContentTransferEncoding
            : GetBestEncoding(options.International ? EncodingConstraint.EightBit : EncodingConstraint.SevenBit);

    private protected override void WriteTransferEncoding(HeaderFolder folder)
    {
        // The writer resolves Default here too, so an unprepared message is still valid on the wire.
        folder.Begin("Content-Transfer-Encoding");
        folder.Token(EffectiveEncoding(folder.Options) switch
        {
            ContentEncoding.Base64 => "base64",
            ContentEncoding.QuotedPrintable => "quoted-printable",
            ContentEncoding.EightBit => "8bit",
            ContentEncoding.Binary => "binary",
            _ => "7bit",
        });
        folder.End();
    }

    private protected override bool WriteContent(MimeOutput output)
    {
        var data = Content is null ? default : Content.Data.Span;
        switch (EffectiveEncoding(output.Options))
        {
            case ContentEncoding.Base64:
                TransferEncoder.WriteBase64(data, output);
                return data.Length > 0;
            case ContentEncoding.QuotedPrintable:
                TransferEncoder.WriteQuotedPrintable(data, IsTextual, output);
                return false;
            case ContentEncoding.Binary:
                output.Write(data);
                return false;
            default:
                TransferEncoder.WriteLines(data, output);
                return false;
        }
    }

    /// <summary>True when the content holds <paramref name="delimiter"/> where a parser would see it, i.e. in an identity encoding.</summary>
    internal bool Contains(ReadOnlySpan<byte> delimiter, FormatOptions options) =>
        EffectiveEncoding(options) is ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.Binary
        && Content is { } content && content.Data.Span.IndexOf(delimiter) >= 0;
}
