using System.Collections.Concurrent;
using CecopComms.Content;
using CecopComms.Content.Publications;
using CecopComms.Delivery;
using CecopComms.Mail;
using CecopComms.Content.Rendering;
using CecopComms.Content.Validation;
using MimeKit;
using Microsoft.Extensions.Options;
using Scriban;

namespace CecopComms.Web;

/// <summary>
/// Composes and sends single messages the web needs at once (sign-up confirmations, login links) through the configured
/// transport, outside any mailing's ledger. Bodies come from templates/transactional/NAME.html.sbn and NAME.txt.sbn,
/// parsed and checked once, rendered in the template sandbox: the HTML one through the escaping context, the text one
/// through a plain one. From is Web:FromAddress, else the publication's sender.
/// </summary>
public sealed class TransactionalMailer(
    IMessageTransport transport,
    PublicationStore publications,
    IOptions<WebOptions> web,
    IOptions<DeliveryOptions> delivery,
    IOptions<ContentOptions> content,
    IOptions<Localization.LanguageOptions> languages,
    TimeProvider time)
{
    /// <summary>The shipped language a mail to someone who reads <paramref name="language"/> is written in: theirs, its primary language, or English.</summary>
    public string Language(string? language) => languages.Value.Resolve(language);

    private readonly ConcurrentDictionary<string, (Template Template, SourceText Source)> _parsed = new(StringComparer.Ordinal);
    private readonly string _folder = Path.Combine(content.Value.ResolveTemplates(Environment.CurrentDirectory).Folder, "transactional");

    /// <summary>Builds the message (without sending it).</summary>
    /// <exception cref="FileNotFoundException">A template of <see cref="TransactionalMail.Template"/> is missing.</exception>
    /// <exception cref="ContentValidationException">A template is not valid or stopped (the message names file:line:column), or Web:FromAddress is empty and the publication does not exist.</exception>
    /// <exception cref="ParseException">The recipient or sender is not an address.</exception>
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
            HtmlBody = Render(mail, "html"),
            TextBody = Render(mail, "txt"),
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

    private string Render(TransactionalMail mail, string kind)
    {
        var (template, source) = Parsed(mail.Template, kind);
        var model = ScriptModel.FromProperties(mail.Model);
        var language = Language(mail.Language);
        model["lang"] = language;
        var words = TemplateFunctions.Words(new CompileState(new SlotTable(), Localization.ReaderWords.Culture(language), language));
        var diagnostics = new Diagnostics();
        diagnostics.Know(source);
        new TemplateChecker(new Dictionary<string, (Template, SourceText)>(), [TemplateSandbox.Builtins(), words],
            kind == "html", diagnostics).Check(template, source, TemplateScope.Of(model.Keys));
        var text = diagnostics.HasErrors ? null : TemplateSandbox.Render(template, kind == "html", [words, model], TemplateSandbox.Deadline, time, diagnostics, source.Name);
        diagnostics.ThrowIfErrors($"The transactional template {source.Name}");
        return text!;
    }

    private (Template Template, SourceText Source) Parsed(string name, string kind) =>
        _parsed.GetOrAdd(kind + ":" + name, _ =>
        {
            var path = Path.Combine(_folder, $"{name}.{kind}{TemplateSet.Extension}");
            if (!File.Exists(path)) throw new FileNotFoundException($"The transactional template {path} is missing.", path);
            var source = new SourceText($"templates/transactional/{name}.{kind}{TemplateSet.Extension}", File.ReadAllText(path));
            var diagnostics = new Diagnostics();
            diagnostics.Know(source);
            var template = TemplateSyntax.Parse(source, diagnostics);
            diagnostics.ThrowIfErrors($"The transactional template {source.Name}");
            return (template!, source);
        });
}
