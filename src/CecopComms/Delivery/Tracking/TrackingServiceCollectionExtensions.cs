using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Delivery.Tracking;

public static class TrackingServiceCollectionExtensions
{
    /// <summary>
    /// What sending needs for tracking: the "Tracking" settings, the store of each mailing's numbered links, and the
    /// events' part of the GDPR export. The web adds the endpoints and the event writer (Web/Tracking).
    /// </summary>
    public static IServiceCollection AddTrackedLinks(this IServiceCollection services)
    {
        services.AddOptions<TrackingOptions>().BindConfiguration(TrackingOptions.Section);
        services.AddSingleton<MailingLinkStore>();
        services.AddSingleton<Audience.IPersonalDataHolder, TrackingPersonalData>();
        return services;
    }
}
