using CecopComms.Content.Sources;
using CecopComms.Content.Validation;

namespace CecopComms.Content.Campaigns;

/// <summary>campaign.yaml as its author wrote it.</summary>
public sealed record CampaignDocument(
    SourceText Source,
    string Slug,
    string Hashtag,
    string Name,
    DateOnly Starts,
    DateOnly Ends,
    string Audience,
    SenderIdentity Sender,
    string Template,
    IReadOnlyList<string> Languages,
    IReadOnlyList<CampaignAsset> Assets,
    IReadOnlyList<PlannedFile> Mailings);
