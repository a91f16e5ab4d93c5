using CecopComms.Audience.Segments;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Audience;

public static class AudienceServiceCollectionExtensions
{
    /// <summary>Organisations, subscribers, lists, consents, segments, the audience resolver, export and import.</summary>
    public static IServiceCollection AddAudience(this IServiceCollection services)
    {
        services.AddSingleton<OrganisationStore>();
        services.AddSingleton<ListStore>();
        services.AddSingleton<ConsentStore>();
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<SegmentStore>();
        services.AddSingleton<AudienceResolver>();
        services.AddSingleton<SubscriberExporter>();
        services.AddSingleton<SubscriberSearch>();
        return services;
    }
}
