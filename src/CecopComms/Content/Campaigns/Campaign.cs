namespace CecopComms.Content.Campaigns;

/// <summary>A campaign: a series of mailings around a hashtag over a period (table campaigns).</summary>
public sealed record Campaign
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Hashtag { get; init; } = "";
    public string Name { get; init; } = "";
    public string StartsOn { get; init; } = "";
    public string EndsOn { get; init; } = "";
    public string Audience { get; init; } = "";
    /// <summary>campaign.yaml as loaded.</summary>
    public string Source { get; init; } = "";
    public long Mailings { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
