using CecopComms.Content.Sources;

namespace CecopComms.Content.Campaigns;

/// <summary>One mailing named in campaign.yaml: its Markdown file beside it and when the campaign plans to send it.</summary>
public sealed record PlannedFile(LocatedText File, DateTimeOffset PlannedAt)
{
    /// <summary>The file name without .md: the mailing's slug.</summary>
    public string Slug => Path.GetFileNameWithoutExtension(File.Value);
}
