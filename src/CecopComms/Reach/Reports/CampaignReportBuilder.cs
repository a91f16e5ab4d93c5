using CecopComms.Content.Campaigns;
using CecopComms.Reach.Figures;
using CecopComms.Storage;

namespace CecopComms.Reach.Reports;

/// <summary>Computes a campaign's report from its mailings' ledgers, bounces and events.</summary>
public sealed class CampaignReportBuilder(Database database, CampaignStore campaigns, MailingFigureStore mailings, TimeProvider time)
{
    private readonly ReachQueries _queries = QueryLoader.Load<ReachQueries>(database.Dialect, "reach");

    /// <exception cref="Content.ContentNotFoundException">There is no campaign with this slug.</exception>
    public async Task<CampaignReport> BuildAsync(string slug, bool trackingEnabled, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(slug, cancellationToken);
        var rows = await database.QueryListAsync<Row>(_queries.CampaignMailings, new { CampaignId = campaign.Id }, cancellationToken);
        var started = (await mailings.StartedAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, cancellationToken))
            .Where(m => rows.Any(r => r.MailingId == m.Id)).ToList();
        var figures = await mailings.FiguresAsync(started, cancellationToken);
        var reach = PeopleSet.Empty();
        var lines = new List<CampaignMailingLine>();
        foreach (var row in rows)
        {
            if (row.MailingId is not { } id || !figures.TryGetValue(id, out var f))
            {
                lines.Add(new(row.Slug, row.Title, row.PlannedAt, null, null, null, null, null, null, null, null, null));
                continue;
            }
            reach.UnionWith(f.People);
            lines.Add(new(row.Slug, row.Title, row.PlannedAt, row.StartedAt, id, row.Total, f.Sent, f.Delivered, f.Bounced, f.Opened, f.Clicked, f.Unsubscribed));
        }
        var sent = lines.Where(l => l.MailingId is not null).ToList();
        return new CampaignReport
        {
            Slug = campaign.Slug, Hashtag = campaign.Hashtag, Name = campaign.Name, StartsOn = campaign.StartsOn, EndsOn = campaign.EndsOn,
            Mailings = lines,
            Recipients = sent.Sum(l => l.Recipients ?? 0),
            Sent = sent.Sum(l => l.Sent ?? 0),
            Delivered = sent.Sum(l => l.Delivered ?? 0),
            Bounced = sent.Sum(l => l.Bounced ?? 0),
            Opened = sent.Sum(l => l.Opened ?? 0),
            Clicked = sent.Sum(l => l.Clicked ?? 0),
            Unsubscribed = sent.Sum(l => l.Unsubscribed ?? 0),
            UniqueReach = reach.Count,
            Tracked = trackingEnabled || sent.Any(l => l.Opened + l.Clicked > 0),
            GeneratedAt = time.GetUtcNow(),
            Definitions = CampaignDefinitions,
        };
    }

    private static readonly IReadOnlyDictionary<string, string> CampaignDefinitions = new Dictionary<string, string>
    {
        ["recipients"] = "Recipients: people written to the mailing's ledger when it started (its audience, each person once).",
        ["sent"] = ReportDefinitions.All["sent"],
        ["delivered"] = ReportDefinitions.All["delivered"],
        ["opens"] = ReportDefinitions.All["opens"],
        ["clicks"] = ReportDefinitions.All["clicks"],
        ["unsubscribes"] = "Unsubscribes caused: distinct people who unsubscribed through this mailing's signed link (web page, one-click or mailto).",
        ["reach"] = "Unique reach: distinct people with at least one delivered message among all the campaign's mailings.",
    };

    private sealed record Row
    {
        public long CampaignMailingId { get; init; }
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public DateTimeOffset PlannedAt { get; init; }
        public string State { get; init; } = "";
        public long? MailingId { get; init; }
        public string? Status { get; init; }
        public long? Total { get; init; }
        public DateTimeOffset? StartedAt { get; init; }
        public DateTimeOffset? FinishedAt { get; init; }
    }
}
