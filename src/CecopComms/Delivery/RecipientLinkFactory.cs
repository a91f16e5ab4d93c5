using CecopComms.Content;
using CecopComms.Delivery.Tracking;
using Microsoft.Extensions.Options;

namespace CecopComms.Delivery;

/// <summary>
/// Unsubscribe and preference links under Delivery:PublicBaseUrl, each with a token signed for its purpose. When
/// Tracking:Enabled is on, also the open pixel (/t/o/TOKEN.gif) and click redirects (/t/c/TOKEN/N, N the link's number
/// in the mailing's stored links); off by default, and without <paramref name="links"/> there is no tracking either.
/// A preview or a test copy (no mailing) gets inert links instead: every token is a <see cref="TokenPurpose.Preview"/>
/// token that names no one, so whoever sees a preview of someone's mail cannot unsubscribe, rename or erase them.
/// </summary>
public sealed class RecipientLinkFactory(TokenSigner signer, IOptions<DeliveryOptions> options,
    IOptions<TrackingOptions>? tracking = null, MailingLinkStore? links = null) : IRecipientLinkFactory
{
    private readonly string _base = options.Value.PublicBaseUrl.TrimEnd('/');
    // Read at each message: tracking switched on or off on the settings page applies to the next one.
    private bool Tracking => links is not null && tracking?.Value.Enabled == true;

    public RecipientLinks For(RecipientData recipient, long? mailingId) =>
        For(recipient, mailingId, Token(TokenPurpose.Unsubscribe, recipient, mailingId));

    /// <summary>The links around an unsubscribe token already signed (the composer also puts it in List-Unsubscribe).</summary>
    public RecipientLinks For(RecipientData recipient, long? mailingId, string unsubscribeToken)
    {
        var unsubscribe = UnsubscribeUrl(unsubscribeToken);
        var preferences = $"{_base}/preferences/{Token(TokenPurpose.Preferences, recipient, mailingId)}";
        if (!Tracking) return new(unsubscribe, preferences, null, null);
        // A test copy or preview (no mailing) carries the pixel of its inert token, which records nothing, and its links
        // unchanged: there is no stored list of links to number them by.
        var pixel = $"{_base}/t/o/{Token(TokenPurpose.Open, recipient, mailingId)}.gif";
        var numbers = mailingId is { } id && id > 0 ? links!.Numbers(id) : null;
        if (numbers is not { Count: > 0 }) return new(unsubscribe, preferences, null, pixel);
        var click = $"{_base}/t/c/{Token(TokenPurpose.Click, recipient, mailingId)}/";
        return new(unsubscribe, preferences, url => numbers.TryGetValue(url, out var n) ? click + n.ToString(System.Globalization.CultureInfo.InvariantCulture) : url, pixel);
    }

    /// <summary>The one-click unsubscribe URL of a signed token, also used in List-Unsubscribe.</summary>
    public string UnsubscribeUrl(string unsubscribeToken) => $"{_base}/unsubscribe/{unsubscribeToken}";

    /// <summary>The signed token of a purpose for a recipient; for a preview or a test copy (no mailing) the inert preview token, whatever the purpose.</summary>
    public string Token(TokenPurpose purpose, RecipientData recipient, long? mailingId) =>
        mailingId is not { } id || id <= 0
            ? signer.Create(PreviewToken)
            : signer.Create(new RecipientToken(purpose, Guid.TryParse(recipient.SubscriberUuid, out var uuid) ? uuid : Guid.Empty, id));

    /// <summary>What every link of a preview or a test copy says: for no one, in no mailing.</summary>
    public static readonly RecipientToken PreviewToken = new(TokenPurpose.Preview, Guid.Empty, 0);
}
