using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Hosting;
using CecopComms.Tests.Delivery;
using CecopComms.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

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

    /// <summary>Where the bed's clock starts unless a test says otherwise: a Monday in the scenario's past.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private SchedulingTestBed(TempWorkspace workspace, ServiceProvider services, TimeProvider clock, long editionId)
    {
        Workspace = workspace;
        Services = services;
        Clock = clock;
        EditionId = editionId;
    }

    public TempWorkspace Workspace { get; }
    public ServiceProvider Services { get; }

    /// <summary>The clock every service of the bed reads.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The bed's clock when it is the fake one (the default), which a test moves to the scenario's instants.</summary>
    public FakeTimeProvider FakeClock => (FakeTimeProvider)Clock;
    public long EditionId { get; }
    public MailingSource Source => new(MailingSourceKind.Edition, EditionId);

    /// <param name="subscribers">How many confirmed subscribers the edition's list holds.</param>
    /// <param name="clock">The bed's clock: a fake one at <see cref="Start"/> unless a test that runs real Quartz triggers
    /// (which fire on the machine's clock) passes <see cref="TimeProvider.System"/>.</param>
    public static async Task<SchedulingTestBed> CreateAsync(int subscribers = 5, TimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(Start);
        var workspace = new TempWorkspace();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(workspace.WithStorage(new Dictionary<string, string?>
        {
            ["Delivery:Transport"] = "outbox",
            ["Delivery:OutboxPath"] = workspace.Path("outbox"),
            ["Scheduling:TimeZone"] = "Europe/Brussels",
            ["Scheduling:MisfireGraceHours"] = "6",
        })).Build();
        var services = await AppServices.StartAsync(configuration, clock, CancellationToken.None);
        await DeliveryTestBed.AddSubscribersAsync(services.GetRequiredService<CecopComms.Storage.Database>(), subscribers);
        var (edition, _) = await services.GetRequiredService<MailingContent>().SaveEditionAsync(new Content.Validation.SourceText("edition.yaml", Edition), CancellationToken.None);
        return new SchedulingTestBed(workspace, services, clock, edition.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Workspace.Dispose();
    }
}
