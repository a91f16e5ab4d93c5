using CecopComms.Content.Campaigns;
using CecopComms.Content.Editions;
using CecopComms.Content.Publications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Content;

public static class ContentServiceCollectionExtensions
{
    /// <summary>Publications, editions, campaigns, templates and the compiler delivery uses (<see cref="IMailingContent"/>).</summary>
    public static IServiceCollection AddContent(this IServiceCollection services)
    {
        services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.Section);
        services.AddSingleton<PublicationStore>();
        services.AddSingleton<EditionStore>();
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<MailingContent>();
        services.AddSingleton<IMailingContent>(sp => sp.GetRequiredService<MailingContent>());
        return services;
    }
}
