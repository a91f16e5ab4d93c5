using System.Globalization;

namespace CecopComms.Mail.Mime;

/// <summary>An email message (mirrors MimeKit.MimeMessage).</summary>
public class MimeMessage
{
    /// <summary>Headers that typed properties own; adding them to <see cref="Headers"/> is refused at write time.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject", "Date", "Message-Id", "MIME-Version",
        "Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "Content-Id",
    };

    /// <summary>Headers written before the originator fields, in list order: what signers and relays prepend.</summary>
    private static readonly HashSet<string> Prepended = new(StringComparer.OrdinalIgnoreCase)
    {
        "DKIM-Signature", "ARC-Seal", "ARC-Message-Signature", "ARC-Authentication-Results", "Received", "Return-Path",
    };

    private string? subject;
    private string? messageId;

    /// <summary>A message being read by <see cref="MimeReader"/>: its date and Message-Id come from its own headers.</summary>
    internal MimeMessage(MimeReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
    }

    /// <summary>Creates a message dated by <paramref name="timeProvider"/> with a fresh Message-Id in <see cref="MimeUtils.MessageIdDomain"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
    public MimeMessage(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Date = timeProvider.GetUtcNow();
        messageId = MimeUtils.GenerateMessageId();
    }

    /// <summary>Creates a message dated by <paramref name="timeProvider"/> with its addresses, subject and body.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="subject"/> holds CR, LF or NUL.</exception>
    public MimeMessage(TimeProvider timeProvider, IEnumerable<InternetAddress> from, IEnumerable<InternetAddress> to, string subject, MimeEntity body) : this(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(body);
        From.AddRange(from);
        To.AddRange(to);
        Subject = subject;
        Body = body;
    }

    /// <summary>Headers other than the address headers and Subject (List-Unsubscribe, List-Id, X-…).</summary>
    public HeaderList Headers { get; } = new();

    /// <summary>The From mailboxes.</summary>
    public InternetAddressList From { get; } = new();

    /// <summary>The Sender, written only when set.</summary>
    public MailboxAddress? Sender { get; set; }

    /// <summary>The Reply-To addresses.</summary>
    public InternetAddressList ReplyTo { get; } = new();

    /// <summary>The To addresses.</summary>
    public InternetAddressList To { get; } = new();

    /// <summary>The Cc addresses.</summary>
    public InternetAddressList Cc { get; } = new();

    /// <summary>Envelope recipients only: never written out.</summary>
    public InternetAddressList Bcc { get; } = new();

    /// <summary>The subject; non-ASCII text is written as RFC 2047 encoded words unless the options are international.</summary>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL (header injection).</exception>
    public string? Subject
    {
        get => subject;
        set
        {
            if (value is not null)
                HeaderSyntax.CheckValue("Subject", value);
            subject = value;
        }
    }

    /// <summary>The Date header, written to the second.</summary>
    public DateTimeOffset Date { get; set; }

    /// <summary>The Message-Id without angle brackets (they are accepted and removed); generated at construction.</summary>
    /// <exception cref="ArgumentException">The value holds whitespace, brackets, control or non-ASCII characters.</exception>
    public string? MessageId
    {
        get => messageId;
        set => messageId = value is null ? null : MessageIdSyntax.Normalize(value, "Message-Id");
    }

    /// <summary>The body: a MimePart or a Multipart tree, usually from <see cref="BodyBuilder.ToMessageBody"/>.</summary>
    public MimeEntity? Body { get; set; }

    /// <summary>Every entity of the body, depth first, multiparts included.</summary>
    public IEnumerable<MimeEntity> BodyParts => Body is null ? [] : Descendants(Body);

    /// <summary>The parts with an attachment disposition.</summary>
    public IEnumerable<MimeEntity> Attachments => BodyParts.Where(e => e.IsAttachment);

    /// <summary>The first text/plain part that is not an attachment, as text; null when there is none.</summary>
    public string? TextBody => FirstText("plain");

    /// <summary>The first text/html part that is not an attachment, as text; null when there is none.</summary>
    public string? HtmlBody => FirstText("html");

    /// <summary>Reads a message from <paramref name="stream"/> (to its end, at most <see cref="MimeParser.DefaultMaxMessageSize"/> bytes); damaged MIME is read as well as it can be.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="MessageParseException">The input is empty, does not start with a header field (the line is named), or is too large.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static MimeMessage Load(Stream stream, CancellationToken cancellationToken = default) =>
        new MimeParser(stream).ParseMessage(cancellationToken);

    /// <summary>Reads a message from <paramref name="stream"/> asynchronously; see <see cref="Load"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="MessageParseException">The input is empty, does not start with a header field (the line is named), or is too large.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static Task<MimeMessage> LoadAsync(Stream stream, CancellationToken cancellationToken = default) =>
        new MimeParser(stream).ParseMessageAsync(cancellationToken);

    /// <summary>Every header of a parsed message in received order, encoded words decoded (typed ones included); null for a message built in code.</summary>
    internal HeaderList? ParsedHeaders { get; set; }

    /// <summary>Chooses transfer encodings so the message fits the transport (7bit or 8bit) and lines stay under <paramref name="maxLineLength"/>. Call before DKIM signing; calling it again with the same or a looser constraint changes nothing.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLineLength"/> is not between 60 and 998.</exception>
    public void Prepare(EncodingConstraint constraint, int maxLineLength = 78)
    {
        if (maxLineLength is < 60 or > HeaderFolder.HardLimit)
            throw new ArgumentOutOfRangeException(nameof(maxLineLength), maxLineLength, "The line length must be between 60 and 998.");
        Body?.Prepare(constraint, maxLineLength);
    }

    /// <summary>Writes the message to the stream, headers then body, through a buffer (few large writes).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A header owned by a property (Subject, From, …) was added to <see cref="Headers"/>.</exception>
    /// <exception cref="IOException">The stream cannot be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public void WriteTo(FormatOptions options, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stream);
        using var output = new MimeOutput(AsSigned(options), stream, cancellationToken);
        Write(output);
        output.Flush();
    }

    /// <summary>Writes the message to the stream asynchronously.</summary>
    /// <remarks>The encoders are synchronous; a newsletter is tens of kilobytes, so the message is written to pooled memory and handed to the stream in one write.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A header owned by a property was added to <see cref="Headers"/>.</exception>
    /// <exception cref="IOException">The stream cannot be written.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task WriteToAsync(FormatOptions options, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stream);
        cancellationToken.ThrowIfCancellationRequested();
        using var output = new MimeOutput(AsSigned(options));
        Write(output);
        await stream.WriteAsync(output.Written, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True once a DKIM signature was made over the RFC 2047 (not raw UTF-8) form of the headers.</summary>
    internal bool SignedWithoutInternational { get; set; }

    /// <summary>
    /// A message signed over encoded-word headers keeps them when written for an SMTPUTF8 transport:
    /// they are valid there too, and raw UTF-8 would break the signature.
    /// </summary>
    internal FormatOptions AsSigned(FormatOptions options)
    {
        if (!SignedWithoutInternational || !options.International)
            return options;
        var copy = options.Clone();
        copy.International = false;
        return copy;
    }

    /// <summary>Writes the whole message into <paramref name="output"/>.</summary>
    internal void Write(MimeOutput output)
    {
        var folder = new HeaderFolder(output);
        var hidden = output.Options.HiddenHeaders;
        foreach (var header in Headers)
        {
            if (Prepended.Contains(header.Field) && !hidden.Contains(header.Field))
                HeaderWriting.Write(folder, output, header);
        }
        WriteAddresses(folder, hidden, "From", From);
        if (Sender is not null && !hidden.Contains("Sender"))
        {
            folder.Begin("Sender");
            Sender.Format(folder);
            folder.End();
        }
        WriteAddresses(folder, hidden, "Reply-To", ReplyTo);
        WriteAddresses(folder, hidden, "To", To);
        WriteAddresses(folder, hidden, "Cc", Cc);
        if (subject is not null && !hidden.Contains("Subject"))
        {
            folder.Begin("Subject");
            folder.WriteUnstructured(subject);
            folder.End();
        }
        if (!hidden.Contains("Date"))
        {
            folder.Begin("Date");
            folder.Token(FormatDate(Date));
            folder.End();
        }
        if (messageId is not null && !hidden.Contains("Message-Id"))
        {
            folder.Begin("Message-Id");
            folder.WriteStructured("<" + messageId + ">");
            folder.End();
        }
        HeaderWriting.WriteOthers(folder, output, Headers, Reserved, "a MimeMessage property", h => Prepended.Contains(h.Field));
        folder.Begin("MIME-Version");
        folder.Token("1.0");
        folder.End();
        if (Body is null)
        {
            output.NewLine();
            return;
        }
        Body.Write(output, folder);
        if (output.LastByte != '\n')
            output.NewLine();
    }

    private static void WriteAddresses(HeaderFolder folder, ISet<string> hidden, string field, InternetAddressList list)
    {
        if (list.Count == 0 || hidden.Contains(field))
            return;
        folder.Begin(field);
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0)
                folder.Glue(",");
            list[i].Format(folder);
        }
        folder.End();
    }

    private string? FirstText(string subtype) =>
        BodyParts.OfType<TextPart>().FirstOrDefault(p => !p.IsAttachment && p.ContentType.IsMimeType("text", subtype))?.Text;

    private static IEnumerable<MimeEntity> Descendants(MimeEntity entity)
    {
        yield return entity;
        if (entity is not Multipart multipart)
            yield break;
        foreach (var child in multipart)
        {
            foreach (var descendant in Descendants(child))
                yield return descendant;
        }
    }

    /// <summary>RFC 5322 §3.3 date-time, e.g. <c>Sat, 21 Nov 2026 23:13:13 +0000</c>.</summary>
    internal static string FormatDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{date:ddd, d MMM yyyy HH:mm:ss} {sign}{offset.Hours:00}{offset.Minutes:00}");
    }
}
