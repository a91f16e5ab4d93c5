using CecopComms.Reach.Channels;
using CecopComms.Reach.Figures;
using CecopComms.Reach.Past;
using CecopComms.Reach.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Reach;

public static class ReachServiceCollectionExtensions
{
    /// <summary>Channels, channel figures and past e-mail figures with their imports, per-mailing figures, the year and campaign reports.</summary>
    public static IServiceCollection AddReach(this IServiceCollection services)
    {
        services.AddSingleton<ChannelStore>();
        services.AddSingleton<ChannelFigureStore>();
        services.AddSingleton<ChannelImporter>();
        services.AddSingleton<PastEmailFigureStore>();
        services.AddSingleton<PastEmailImporter>();
        services.AddSingleton<MailingFigureStore>();
        services.AddSingleton<Delivery.IMailingSettledListener, MailingFiguresKeeper>();
        services.AddSingleton<YearReportBuilder>();
        services.AddSingleton<CampaignReportBuilder>();
        return services;
    }
}
