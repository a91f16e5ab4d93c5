using CecopComms.Content;
using CecopComms.Mail.Mime;

namespace CecopComms.Delivery;

/// <summary>
/// Sends one copy of an edition or campaign mailing, subject marked [TEST], to any address: rendered with that
/// subscriber's data when the address is a subscriber's, else with a stand-in. Touches no ledger.
/// </summary>
public sealed class TestSend(IMailingContent content, RecipientLookup recipients, IMessageComposer composer, BounceAddress bounces,
    IMessageTransport transport, TimeProvider time)
{
    /// <exception cref="ContentValidationException">The content does not compile.</exception>
    /// <exception cref="KeyNotFoundException">No such edition or campaign mailing.</exception>
    /// <exception cref="Audience.AudienceException">The address is not an e-mail address.</exception>
    public async Task<TransportResult> SendAsync(MailingSource source, string email, CancellationToken cancellationToken)
    {
        var compiled = await content.CompileAsync(source, cancellationToken);
        var recipient = await recipients.FindAsync(email, cancellationToken)
            ?? new RecipientData(0, Guid.Empty.ToString(), email.Trim(), "", "en", null, null, new Dictionary<string, string?>());
        var message = composer.Compose(compiled, recipient, null, test: true);
        var name = $"test/{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}"[..36];
        return await transport.SendAsync(new OutgoingMessage(message, new MailboxAddress(null, bounces.For(0, recipient.SubscriberId)),
            message.To.Mailboxes.First(), name), cancellationToken);
    }
}
