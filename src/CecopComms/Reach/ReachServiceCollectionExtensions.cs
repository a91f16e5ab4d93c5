using CecopComms.Reach.Channels;
using CecopComms.Reach.Figures;
using CecopComms.Reach.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Reach;

public static class ReachServiceCollectionExtensions
{
    /// <summary>Channel figures and their import, per-mailing figures, the year and campaign reports.</summary>
    public static IServiceCollection AddReach(this IServiceCollection services)
    {
        services.AddSingleton<ChannelStore>();
        services.AddSingleton<ChannelFigureStore>();
        services.AddSingleton<ChannelImporter>();
        services.AddSingleton<MailingFigureStore>();
        services.AddSingleton<Delivery.IMailingSettledListener, MailingFiguresKeeper>();
        services.AddSingleton<YearReportBuilder>();
        services.AddSingleton<CampaignReportBuilder>();
        return services;
    }
}
