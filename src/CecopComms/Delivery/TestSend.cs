using CecopComms.Content;
using MimeKit;

namespace CecopComms.Delivery;

/// <summary>
/// Sends one copy of an edition or campaign mailing, subject marked [TEST], to any address, as a preview shows it: in the
/// preview's language and with the chosen reader's data when one is chosen, else with the data of the subscriber the
/// address belongs to, else a stand-in. Touches no ledger, and its links and return path act on no one: a bounce of a
/// test copy is not recorded against the reader whose data it carried.
/// </summary>
public sealed class TestSend(IMailingContent content, RecipientLookup recipients, IMessageComposer composer, BounceAddress bounces,
    IMessageTransport transport, TimeProvider time)
{
    /// <param name="source">The edition or campaign mailing.</param>
    /// <param name="email">Where the copy goes.</param>
    /// <param name="language">The language to render in (a preview's); null for the reader's own.</param>
    /// <param name="reader">The subscriber whose data fills the copy (a preview's chosen reader); null for the address's own.</param>
    /// <param name="cancellationToken">Stops the send.</param>
    /// <exception cref="ContentValidationException">The content does not compile.</exception>
    /// <exception cref="KeyNotFoundException">No such edition or campaign mailing.</exception>
    /// <exception cref="Audience.AudienceException">The address is not an e-mail address, or the chosen reader is no subscriber.</exception>
    public async Task<TransportResult> SendAsync(MailingSource source, string email, string? language, string? reader, CancellationToken cancellationToken)
    {
        var compiled = await content.CompileAsync(source, cancellationToken);
        var to = email.Trim();
        var data = string.IsNullOrWhiteSpace(reader)
            ? await recipients.FindAsync(to, cancellationToken) ?? new RecipientData(0, Guid.Empty.ToString(), to, "", "en", null, null, new Dictionary<string, string?>())
            : await recipients.FindAsync(reader.Trim(), cancellationToken)
              ?? throw new Audience.AudienceException($"{reader.Trim()} is not a subscriber; choose another reader, or none to use the data of the address the copy goes to.");
        data = data with { Email = to, Language = string.IsNullOrWhiteSpace(language) ? data.Language : language.Trim() };
        var message = composer.Compose(compiled, data, null, test: true);
        var name = $"test/{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}"[..36];
        return await transport.SendAsync(new OutgoingMessage(message, new MailboxAddress(null, bounces.For(0, 0)),
            message.To.Mailboxes.First(), name), cancellationToken);
    }
}
