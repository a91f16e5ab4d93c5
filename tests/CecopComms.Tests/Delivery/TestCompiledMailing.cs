using System.Net;
using CecopComms.Content;

namespace CecopComms.Tests.Delivery;

/// <summary>
/// TEST SEAM: a compiled mailing of our own for delivery tests while the content engine is built elsewhere. Renders a
/// greeting with the recipient's name (HTML-escaped), an unsubscribe link and <paramref name="paddingBytes"/> of text.
/// </summary>
internal sealed class TestCompiledMailing(MailingSource source, string audience, int paddingBytes = 0) : ICompiledMailing
{
    private readonly string _padding = string.Concat(Enumerable.Repeat("Cooperatives build skills for the future of work. ", paddingBytes / 50 + 1))[..paddingBytes];

    public MailingSource Source => source;
    public string Title => $"CECOP Link test {source.Id}";
    public string PublicationSlug => "cecop-link";
    public string PublicationName => "CECOP Link";
    public string AudienceReference => audience;
    public SenderIdentity Sender => new("CECOP Link", "link@cecop.example", "info@cecop.example");
    public IReadOnlySet<string> Links => new HashSet<string> { "https://cecop.coop/news" };

    public RenderedMail Render(RecipientData recipient, RecipientLinks links) => new(
        $"CECOP Link test {source.Id} for {recipient.Name}",
        $"<html><body><p>Dear {WebUtility.HtmlEncode(recipient.Name)},</p><p>{_padding}</p><p><a href=\"{links.UnsubscribeUrl}\">Unsubscribe</a></p></body></html>",
        $"Dear {recipient.Name},\n\n{_padding}\n\nUnsubscribe: {links.UnsubscribeUrl}\n",
        recipient.Language);
}
