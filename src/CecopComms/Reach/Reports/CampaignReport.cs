namespace CecopComms.Reach.Reports;

/// <summary>A campaign's mailings with what each achieved, their totals, and the campaign's unique reach.</summary>
public sealed record CampaignReport
{
    public string Slug { get; init; } = "";
    public string Hashtag { get; init; } = "";
    public string Name { get; init; } = "";
    public string StartsOn { get; init; } = "";
    public string EndsOn { get; init; } = "";
    public IReadOnlyList<CampaignMailingLine> Mailings { get; init; } = [];
    public long Recipients { get; init; }
    public long Sent { get; init; }
    public long Delivered { get; init; }
    public long Bounced { get; init; }
    public long Opened { get; init; }
    public long Clicked { get; init; }
    public long Unsubscribed { get; init; }
    /// <summary>Distinct people with at least one delivered message of the campaign.</summary>
    public long UniqueReach { get; init; }
    public bool Tracked { get; init; }
    public DateTimeOffset GeneratedAt { get; init; }
    public IReadOnlyDictionary<string, string> Definitions { get; init; } = new Dictionary<string, string>();
}
