using System.Collections.Concurrent;
using CecopComms.Content;
using CecopComms.Content.Publications;
using CecopComms.Delivery;
using CecopComms.Mail;
using MimeKit;
using HandlebarsDotNet;
using Microsoft.Extensions.Options;

namespace CecopComms.Web;

/// <summary>
/// Composes and sends single messages the web needs at once (sign-up confirmations, login links) through the configured
/// transport, outside any mailing's ledger. Bodies come from templates/transactional/NAME.html.hbs and NAME.txt.hbs:
/// the HTML one escapes every value, the text one does not. From is Web:FromAddress, else the publication's sender.
/// </summary>
public sealed class TransactionalMailer(
    IMessageTransport transport,
    PublicationStore publications,
    IOptions<WebOptions> web,
    IOptions<DeliveryOptions> delivery,
    IOptions<ContentOptions> content,
    TimeProvider time)
{
    private static readonly IHandlebars Html = Handlebars.Create();
    private static readonly IHandlebars Text = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
    private readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>> _compiled = new(StringComparer.Ordinal);
    private readonly string _folder = Path.Combine(content.Value.ResolveTemplates(Environment.CurrentDirectory).Folder, "transactional");

    /// <summary>Builds the message (without sending it).</summary>
    /// <exception cref="FileNotFoundException">A template of <see cref="TransactionalMail.Template"/> is missing.</exception>
    /// <exception cref="ParseException">The recipient or sender is not an address.</exception>
    /// <exception cref="ContentValidationException">Web:FromAddress is empty and the publication does not exist.</exception>
    public async Task<MimeMessage> ComposeAsync(TransactionalMail mail, CancellationToken cancellationToken)
    {
        var (fromName, fromAddress) = await SenderAsync(mail.PublicationSlug, cancellationToken);
        var message = MailMessages.Create(time, delivery.Value.MessageIdDomain);
        message.From.Add(new MailboxAddress(HeaderText.Clean(fromName), HeaderText.Clean(fromAddress)));
        message.To.Add(new MailboxAddress(HeaderText.Clean(mail.ToName), HeaderText.Clean(mail.ToAddress)));
        message.Subject = HeaderText.Clean(mail.Subject);
        // Transactional mail is not a mailing: no List-Unsubscribe, and auto-responders should stay quiet.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder
        {
            HtmlBody = Template(mail.Template, "html", Html)(mail.Model),
            TextBody = Template(mail.Template, "txt", Text)(mail.Model),
        }.ToMessageBody();
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    /// <summary>Composes the message and hands it to the transport now; the result says whether it was accepted.</summary>
    /// <exception cref="FileNotFoundException">A template is missing.</exception>
    /// <exception cref="ParseException">The recipient or sender is not an address.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<TransportResult> SendAsync(TransactionalMail mail, CancellationToken cancellationToken)
    {
        var message = await ComposeAsync(mail, cancellationToken);
        var from = (MailboxAddress)message.From[0];
        var name = $"transactional/{time.GetUtcNow():yyyyMMdd-HHmmss}-{mail.Template}-{Guid.NewGuid():N}";
        return await transport.SendAsync(new OutgoingMessage(message, new MailboxAddress(null, from.Address), (MailboxAddress)message.To[0], name), cancellationToken);
    }

    private async Task<(string Name, string Address)> SenderAsync(string publicationSlug, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(web.Value.FromAddress)) return (web.Value.FromName, web.Value.FromAddress);
        var publication = await publications.GetAsync(publicationSlug, cancellationToken);
        return (publication.FromName, publication.FromAddress);
    }

    private HandlebarsTemplate<object, object> Template(string name, string kind, IHandlebars environment) =>
        _compiled.GetOrAdd(kind + ":" + name, _ =>
        {
            var path = Path.Combine(_folder, $"{name}.{kind}.hbs");
            if (!File.Exists(path)) throw new FileNotFoundException($"The transactional template {path} is missing.", path);
            return environment.Compile(File.ReadAllText(path));
        });
}
