using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using CecopComms.Content;
using CecopComms.Mail;
using MimeKit;
using Microsoft.Extensions.Options;

namespace CecopComms.Delivery;

/// <summary>
/// Builds each recipient's message: rendered content, From/Reply-To/To, a unique Message-ID, List-Id, List-Unsubscribe
/// (mailto and https, one click per RFC 8058) with a signed token, X-Cecop-Recipient tying a bounce to mailing and
/// subscriber, then DKIM when configured (MimeKit, signed through <see cref="RsaDkimSigner"/>). Everything from subscribers or content that lands in a header is cleaned of
/// CR and LF. Thread-safe: sender workers share one.
/// </summary>
public sealed partial class MessageComposer(
    RecipientLinkFactory links, BounceAddress bounces, IOptions<DeliveryOptions> options, TimeProvider time, RsaDkimSigner? signer = null) : IMessageComposer
{
    /// <summary>The header that names mailing, subscriber and a tag, like the bounce address.</summary>
    public const string RecipientHeader = "X-Cecop-Recipient";

    private readonly DeliveryOptions _options = options.Value;

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotSlug();

    public MimeMessage Compose(ICompiledMailing mailing, RecipientData recipient, long? mailingId, bool test)
    {
        // One signed unsubscribe token per message, for the rendered link and both forms of List-Unsubscribe.
        var unsubscribe = links.Token(TokenPurpose.Unsubscribe, recipient, mailingId);
        var recipientLinks = links.For(recipient, mailingId, unsubscribe);
        var rendered = mailing.Render(recipient, recipientLinks);
        var message = MailMessages.Create(time, _options.MessageIdDomain);
        message.From.Add(new MailboxAddress(HeaderText.Clean(mailing.Sender.FromName), mailing.Sender.FromAddress));
        if (!string.IsNullOrWhiteSpace(mailing.Sender.ReplyTo)) message.ReplyTo.Add(new MailboxAddress(null, mailing.Sender.ReplyTo.Trim()));
        message.To.Add(new MailboxAddress(HeaderText.Clean(recipient.Name), recipient.Email.Trim()));
        message.Subject = (test ? "[TEST] " : "") + HeaderText.Clean(rendered.Subject);

        var slug = NotSlug().Replace(mailing.PublicationSlug.ToLowerInvariant(), "-");
        message.Headers.Add("List-Id", $"{HeaderText.Clean(mailing.PublicationName)} <{slug}.{_options.MessageIdDomain}>");
        message.Headers.Add("List-Unsubscribe", $"<mailto:unsubscribe+{unsubscribe}@{_options.BounceDomain}>, <{recipientLinks.UnsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        // A test copy ties a bounce to no one: it may carry a reader's data but goes to another address.
        message.Headers.Add(RecipientHeader, bounces.Tag(mailingId ?? 0, test ? 0 : recipient.SubscriberId));
        if (!string.IsNullOrWhiteSpace(rendered.Language)) message.Headers.Add("Content-Language", HeaderText.Clean(rendered.Language));
        if (test) message.Headers.Add("X-Cecop-Test", "yes");

        message.Body = new MultipartAlternative { TextPart("plain", rendered.Text), TextPart("html", rendered.Html) };
        // Encoded for any server (7-bit) before signing: MailKit sends a signed message as it is, so what is signed is what goes out.
        message.Prepare(EncodingConstraint.SevenBit);
        signer?.Sign(message);
        return message;
    }

    /// <summary>
    /// A UTF-8 text part, as BodyBuilder makes it. When it needs quoted-printable (8-bit bytes or lines over 78, as
    /// MimeKit's <c>Prepare</c> would decide for a mostly-ASCII part), it is encoded here, once, with MimeKit's
    /// <see cref="MimeKit.Encodings.QuotedPrintableEncoder"/>: MimeKit then copies the encoded bytes each time the message
    /// is written (for the DKIM body hash and again on the wire) instead of encoding the text again every time. Other text
    /// (short 7-bit lines; a large share of 8-bit bytes, which MimeKit sends as base64; CRs) is left to <c>Prepare</c>.
    /// </summary>
    private static TextPart TextPart(string subtype, string text)
    {
        var part = new TextPart(subtype);
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var bytes = utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, utf8));
            if (!NeedsQuotedPrintable(bytes) || text.Contains('\r'))
            {
                part.SetText(Encoding.UTF8, text);
                return part;
            }
            var encoder = new MimeKit.Encodings.QuotedPrintableEncoder();
            var encoded = ArrayPool<byte>.Shared.Rent(encoder.EstimateOutputLength(bytes.Length));
            try
            {
                var length = encoder.Flush(utf8, 0, bytes.Length, encoded);
                part.ContentType.Charset = "utf-8";
                part.Content = new MimeContent(new MemoryStream(encoded.AsSpan(0, length).ToArray(), writable: false), ContentEncoding.QuotedPrintable);
                part.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
                return part;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(encoded);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>True when the text has 8-bit bytes (at most one in ten) or a line over 78 bytes.</summary>
    private static bool NeedsQuotedPrintable(ReadOnlySpan<byte> bytes)
    {
        var eightBit = 0;
        for (var rest = bytes; rest.IndexOfAnyInRange((byte)0x80, (byte)0xFF) is var k and >= 0; rest = rest[(k + 1)..]) eightBit++;
        if (eightBit * 10 > bytes.Length) return false;
        if (eightBit > 0) return true;
        for (var rest = bytes; !rest.IsEmpty;)
        {
            var end = rest.IndexOf((byte)'\n');
            if ((end < 0 ? rest.Length : end) > 78) return true;
            if (end < 0) break;
            rest = rest[(end + 1)..];
        }
        return false;
    }
}
