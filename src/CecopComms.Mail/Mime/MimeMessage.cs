namespace CecopComms.Mail.Mime;

/// <summary>An email message (mirrors MimeKit.MimeMessage).</summary>
public class MimeMessage
{
    /// <summary>Headers other than the address headers and Subject (List-Unsubscribe, List-Id, X-…).</summary>
    public HeaderList Headers { get; } = new();
    public InternetAddressList From { get; } = new();
    public MailboxAddress? Sender { get; set; }
    public InternetAddressList ReplyTo { get; } = new();
    public InternetAddressList To { get; } = new();
    public InternetAddressList Cc { get; } = new();
    /// <summary>Envelope recipients only: never written out.</summary>
    public InternetAddressList Bcc { get; } = new();
    public string? Subject { get; set; }
    public DateTimeOffset Date { get; set; }
    public string? MessageId { get; set; }
    /// <summary>The body: a MimePart or a Multipart tree, usually from <see cref="BodyBuilder.ToMessageBody"/>.</summary>
    public MimeEntity? Body { get; set; }

    /// <summary>Chooses transfer encodings so the message fits the transport (7bit or 8bit) and lines stay under <paramref name="maxLineLength"/>. Call before DKIM signing.</summary>
    public void Prepare(EncodingConstraint constraint, int maxLineLength = 78) => throw new NotImplementedException("contract");

    /// <summary>Writes the message to the stream, headers then body.</summary>
    public void WriteTo(FormatOptions options, Stream stream, CancellationToken cancellationToken = default) => throw new NotImplementedException("contract");

    /// <summary>Writes the message to the stream asynchronously.</summary>
    public Task WriteToAsync(FormatOptions options, Stream stream, CancellationToken cancellationToken = default) => throw new NotImplementedException("contract");
}
