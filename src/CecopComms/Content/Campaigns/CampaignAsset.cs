using CecopComms.Content.Sources;

namespace CecopComms.Content.Campaigns;

/// <summary>Something a campaign points readers to: a video of the docuseries, a report.</summary>
public sealed record CampaignAsset(string Kind, LocalText Title, LocatedText Url);
