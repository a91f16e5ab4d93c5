using System.Security.Cryptography;
using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Mail;
using CecopComms.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CecopComms.Tests.Mail;

/// <summary>
/// Messages made the way the application makes them: <see cref="MessageComposer"/> over <see cref="MailMessages"/>
/// (prepared 7-bit, DKIM-signed when a signer is given), dated by a fake clock so no test depends on the day it runs.
/// </summary>
internal static class Newsletters
{
    public const string BounceDomain = "bounces.cecop.example";
    public const string MessageIdDomain = "cecop.example";

    private static readonly TokenSigner Tokens = new(RandomNumberGenerator.GetBytes(32));

    /// <summary>The clock every composed message is dated by: 2 March 2026, 09:30 UTC.</summary>
    public static DateTimeOffset Now => TestClocks.Scenario;

    public static DeliveryOptions Options { get; } = new()
    {
        MessageIdDomain = MessageIdDomain,
        BounceDomain = BounceDomain,
        PublicBaseUrl = "https://cecop.example",
    };

    public static BounceAddress Bounces { get; } = new(Tokens, BounceDomain);

    /// <summary>A composer like the application's, on a fake clock, signing with <paramref name="dkim"/> when given.</summary>
    public static MessageComposer Composer(RsaDkimSigner? dkim = null, TimeProvider? time = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        return new MessageComposer(new RecipientLinkFactory(Tokens, options), Bounces, options, time ?? TestClocks.At(), dkim);
    }

    /// <summary>A reader of the test audience; <paramref name="name"/> is untrusted subscriber data.</summary>
    public static RecipientData Reader(string email, string name = "Reader", long id = 31, string language = "en") =>
        new(id, Guid.NewGuid().ToString(), email, name, language, "Legacoop", "IT", new Dictionary<string, string?>());

    /// <summary>Composes one message of <paramref name="mailing"/> for <paramref name="reader"/> as mailing 5.</summary>
    public static MimeMessage Compose(Mailing mailing, RecipientData reader, RsaDkimSigner? dkim = null) =>
        Composer(dkim).Compose(mailing, reader, 5, test: false);

    /// <summary>A composed message with its envelope, as the sender hands it to a transport.</summary>
    public static OutgoingMessage Outgoing(string to, Mailing? mailing = null, RsaDkimSigner? dkim = null, string? name = null)
    {
        var reader = Reader(to, name ?? "Reader");
        var message = Compose(mailing ?? Mailing.Plain, reader, dkim);
        return new OutgoingMessage(message, new MailboxAddress(null, Bounces.For(5, reader.SubscriberId)), new MailboxAddress(reader.Name, to), "mailing-5/" + to);
    }

    /// <summary>The bytes MailKit sends for <paramref name="message"/>: MimeKit's output with CRLF line ends.</summary>
    public static byte[] Written(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(MailMessages.Crlf, stream);
        return stream.ToArray();
    }

    /// <summary>
    /// A mailing whose rendering is given outright: subject, HTML and text with "{name}" standing for the reader's name
    /// (HTML-escaped in the HTML, as templates do), from <paramref name="FromName"/>.
    /// </summary>
    public sealed record Mailing(string Subject, string Html, string Text, string FromName = "CECOP Link", string PublicationName = "CECOP Link") : ICompiledMailing
    {
        public static Mailing Plain { get; } = new(
            "CECOP Link — week 10",
            "<html><body><p>Dear {name},</p>\n.<p>a line that starts with a dot</p>\n<p>Ça va?</p></body></html>",
            "Dear {name},\n.this line starts with a dot\n..and this with two\n.\nÇa va? Coopérative.\n");

        public MailingSource Source => new(MailingSourceKind.Edition, 7);
        public string Title => Subject;
        public string PublicationSlug => "cecop-link";
        public string AudienceReference => "list:cecop-link";
        public SenderIdentity Sender => new(FromName, "link@cecop.example", "info@cecop.example");
        public IReadOnlySet<string> Links => new HashSet<string>();

        public RenderedMail Render(RecipientData recipient, RecipientLinks links) => new(
            Subject.Replace("{name}", recipient.Name, StringComparison.Ordinal),
            Html.Replace("{name}", System.Net.WebUtility.HtmlEncode(recipient.Name), StringComparison.Ordinal),
            Text.Replace("{name}", recipient.Name, StringComparison.Ordinal),
            recipient.Language);
    }
}
