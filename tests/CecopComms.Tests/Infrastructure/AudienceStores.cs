using CecopComms.Audience;
using CecopComms.Audience.Segments;
using CecopComms.Storage;
using NSubstitute;

namespace CecopComms.Tests.Infrastructure;

/// <summary>The audience stores on a fresh database in a temp workspace, with a clock the test sets.</summary>
public sealed class AudienceStores : IDisposable
{
    private AudienceStores(TempWorkspace workspace, Database database)
    {
        Workspace = workspace;
        Database = database;
        Clock = Substitute.For<TimeProvider>();
        Clock.GetUtcNow().Returns(Now);
        Organisations = new OrganisationStore(database, Clock);
        Lists = new ListStore(database, Clock);
        Consents = new ConsentStore(database);
        Subscriptions = new SubscriptionStore(database, Consents);
        Subscribers = new SubscriberStore(database, Clock, Organisations, Lists, Subscriptions, Consents);
        Segments = new SegmentStore(database, Clock, Lists);
        Resolver = new AudienceResolver(Lists, Segments);
        Exporter = new SubscriberExporter(Resolver);
    }

    /// <summary>What the clock says unless a test changes it.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public TempWorkspace Workspace { get; }
    public Database Database { get; }
    public TimeProvider Clock { get; }
    public OrganisationStore Organisations { get; }
    public ListStore Lists { get; }
    public ConsentStore Consents { get; }
    public SubscriptionStore Subscriptions { get; }
    public SubscriberStore Subscribers { get; }
    public SegmentStore Segments { get; }
    public AudienceResolver Resolver { get; }
    public SubscriberExporter Exporter { get; }

    public static async Task<AudienceStores> CreateAsync()
    {
        var workspace = new TempWorkspace();
        return new AudienceStores(workspace, await workspace.OpenDatabaseAsync());
    }

    public void Dispose() => Workspace.Dispose();
}
