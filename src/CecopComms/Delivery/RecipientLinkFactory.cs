using CecopComms.Content;
using Microsoft.Extensions.Options;

namespace CecopComms.Delivery;

/// <summary>
/// Unsubscribe and preference links under Delivery:PublicBaseUrl, each with a token signed for its purpose. Open and
/// click tracking are off (tracking is a setting, not a default, and its endpoints belong to the web).
/// </summary>
public sealed class RecipientLinkFactory(TokenSigner signer, IOptions<DeliveryOptions> options) : IRecipientLinkFactory
{
    private readonly string _base = options.Value.PublicBaseUrl.TrimEnd('/');

    public RecipientLinks For(RecipientData recipient, long? mailingId) =>
        For(recipient, mailingId, Token(TokenPurpose.Unsubscribe, recipient, mailingId));

    /// <summary>The links around an unsubscribe token already signed (the composer also puts it in List-Unsubscribe).</summary>
    public RecipientLinks For(RecipientData recipient, long? mailingId, string unsubscribeToken) =>
        new(UnsubscribeUrl(unsubscribeToken), $"{_base}/preferences/{Token(TokenPurpose.Preferences, recipient, mailingId)}", null, null);

    /// <summary>The one-click unsubscribe URL of a signed token, also used in List-Unsubscribe.</summary>
    public string UnsubscribeUrl(string unsubscribeToken) => $"{_base}/unsubscribe/{unsubscribeToken}";

    /// <summary>The signed token of a purpose for a recipient.</summary>
    public string Token(TokenPurpose purpose, RecipientData recipient, long? mailingId) =>
        signer.Create(new RecipientToken(purpose, Guid.TryParse(recipient.SubscriberUuid, out var uuid) ? uuid : Guid.Empty, mailingId ?? 0));
}
