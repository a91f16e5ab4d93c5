namespace CecopComms.Mail.Mime;

/// <summary>A <c>message/rfc822</c> (or <c>message/global</c>) part holding a whole message, as bounces carry the original (mirrors MimeKit.MessagePart).</summary>
public class MessagePart : MimeEntity
{
    /// <summary>Creates an empty <c>message/rfc822</c> part.</summary>
    public MessagePart() : this("rfc822") { }

    /// <summary>Creates an empty <c>message/<paramref name="subtype"/></c> part.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="subtype"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="subtype"/> is not a token.</exception>
    public MessagePart(string subtype) : base(new ContentType("message", subtype)) { }

    /// <summary>Creates a <c>message/rfc822</c> part holding <paramref name="message"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public MessagePart(MimeMessage message) : this("rfc822") => Message = message ?? throw new ArgumentNullException(nameof(message));

    /// <summary>The embedded message, or null for an empty part.</summary>
    public MimeMessage? Message { get; set; }

    /// <inheritdoc/>
    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
        CheckLineLength(maxLineLength);
        Message?.Prepare(constraint, maxLineLength);
    }

    private protected override bool WriteContent(MimeOutput output)
    {
        // The embedded message's last line break is its own content, so the delimiter gets a fresh one.
        Message?.Write(output);
        return false;
    }
}
