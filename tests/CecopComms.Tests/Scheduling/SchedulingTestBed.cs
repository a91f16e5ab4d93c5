using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Hosting;
using CecopComms.Tests.Delivery;
using CecopComms.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Tests.Scheduling;

/// <summary>The application's services (real content engine, outbox transport) on a fresh workspace with subscribers and one loaded edition.</summary>
internal sealed class SchedulingTestBed : IAsyncDisposable
{
    public const string Edition = """
        publication: cecop-newsletter
        number: 1
        date: 2026-03-01
        subject:
          en: "Spring news from CECOP"
        intro:
          en: |
            Worker and social cooperatives met in Brussels to prepare the year.
        items: []
        """;

    private SchedulingTestBed(TempWorkspace workspace, ServiceProvider services, long editionId)
    {
        Workspace = workspace;
        Services = services;
        EditionId = editionId;
    }

    public TempWorkspace Workspace { get; }
    public ServiceProvider Services { get; }
    public long EditionId { get; }
    public MailingSource Source => new(MailingSourceKind.Edition, EditionId);

    public static async Task<SchedulingTestBed> CreateAsync(int subscribers = 5)
    {
        var workspace = new TempWorkspace();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:Path"] = workspace.DatabasePath,
            ["Delivery:Transport"] = "outbox",
            ["Delivery:OutboxPath"] = workspace.Path("outbox"),
            ["Scheduling:TimeZone"] = "Europe/Brussels",
            ["Scheduling:MisfireGraceHours"] = "6",
        }).Build();
        var services = await AppServices.StartAsync(configuration, CancellationToken.None);
        await DeliveryTestBed.AddSubscribersAsync(services.GetRequiredService<CecopComms.Storage.Database>(), subscribers);
        var (edition, _) = await services.GetRequiredService<MailingContent>().SaveEditionAsync(new Content.Validation.SourceText("edition.yaml", Edition), CancellationToken.None);
        return new SchedulingTestBed(workspace, services, edition.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Workspace.Dispose();
    }
}
