namespace CecopComms.Content.Campaigns;

/// <summary>One planned mailing of a campaign (table campaign_mailings), with its Markdown files as loaded.</summary>
public sealed record CampaignMailing
{
    public long Id { get; init; }
    public long CampaignId { get; init; }
    public string CampaignSlug { get; init; } = "";
    /// <summary>The file name without .md.</summary>
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public DateTimeOffset PlannedAt { get; init; }
    /// <summary>JSON object: file name to Markdown text, one file per language.</summary>
    public string Files { get; init; } = "{}";
    public ContentState State { get; init; }

    /// <summary>
    /// <see cref="Files"/> read: file name to Markdown text, in the order of the names (PostgreSQL's jsonb keeps no
    /// order of its own, so none is taken from the stored text).
    /// </summary>
    public IReadOnlyDictionary<string, string> FileTexts() =>
        (System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(Files) ?? [])
            .OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
