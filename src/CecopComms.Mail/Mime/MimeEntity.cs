namespace CecopComms.Mail.Mime;

/// <summary>A MIME entity: a leaf part or a multipart (mirrors MimeKit.MimeEntity).</summary>
public abstract class MimeEntity
{
    /// <summary>The entity's own headers (Content-Type, Content-Transfer-Encoding, …).</summary>
    public HeaderList Headers { get; } = new();
}
