using CecopComms.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Content;

/// <summary>
/// The links a preview carries: the delivery module's signed links when it is registered (the very links a send
/// would carry, without a mailing id); otherwise links to the public site with a visible "preview" token, and no tracking.
/// </summary>
public static class PreviewLinks
{
    public static RecipientLinks For(IServiceProvider services, RecipientData recipient, string publicBaseUrl)
    {
        if (services.GetService<IRecipientLinkFactory>() is { } factory) return factory.For(recipient, null);
        var site = publicBaseUrl.TrimEnd('/');
        return new RecipientLinks($"{site}/unsubscribe/preview", $"{site}/preferences/preview", null, null);
    }
}
