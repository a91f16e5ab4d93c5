using System.Reflection;

namespace CecopComms.Content;

/// <summary>
/// The links a preview carries. When the delivery module registers its link factory
/// (CecopComms.Delivery.IRecipientLinkFactory, "RecipientLinks For(RecipientData, long?)"), previews get the very
/// links a send would; it is looked up by name so content builds whether or not delivery is there yet. Otherwise the
/// links point at the public site with a visible "preview" token, and clicks are not tracked.
/// </summary>
public static class PreviewLinks
{
    private const string FactoryType = "CecopComms.Delivery.IRecipientLinkFactory";

    public static RecipientLinks For(IServiceProvider services, RecipientData recipient, string publicBaseUrl)
    {
        var type = typeof(PreviewLinks).Assembly.GetType(FactoryType);
        if (type is not null && services.GetService(type) is { } factory &&
            type.GetMethod("For", [typeof(RecipientData), typeof(long?)]) is { } method)
        {
            try { return (RecipientLinks)method.Invoke(factory, [recipient, null])!; }
            catch (TargetInvocationException e) when (e.InnerException is not null) { throw e.InnerException; }
        }
        var site = publicBaseUrl.TrimEnd('/');
        return new RecipientLinks($"{site}/unsubscribe/preview", $"{site}/preferences/preview", null, null);
    }
}
