namespace CecopComms.Web.Admin.Content;

/// <summary>
/// A campaign's definition as the admin form shows it. It is never saved as such: <see cref="CampaignYaml"/> writes it as
/// the campaign.yaml `cecop campaigns load` reads.
/// </summary>
public sealed class CampaignForm
{
    /// <summary>The campaign's slug (its folder name under campaigns/); fixed once the campaign exists.</summary>
    public string Slug { get; set; } = "";

    /// <summary>#CoopSkills2023.</summary>
    public string Hashtag { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>First day, yyyy-MM-dd.</summary>
    public string Starts { get; set; } = "";

    /// <summary>Last day, yyyy-MM-dd.</summary>
    public string Ends { get; set; } = "";

    /// <summary>list:SLUG or segment:SLUG.</summary>
    public string Audience { get; set; } = "";

    public string FromName { get; set; } = "";

    public string FromAddress { get; set; } = "";

    public string? ReplyTo { get; set; }

    /// <summary>The template's name (templates/NAME.html.sbn).</summary>
    public string Template { get; set; } = "campaign";

    /// <summary>The languages besides English each mailing should be written in (a missing one is a warning).</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>The campaign's assets (its videos, reports, pages), in order; a row left empty adds none.</summary>
    public List<CampaignAssetForm> Assets { get; set; } = [];
}

/// <summary>One asset of a campaign as the form shows it: what it is, its title in each language, its https link.</summary>
public sealed class CampaignAssetForm
{
    /// <summary>video, report, article, event, podcast or page.</summary>
    public string Kind { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>The title per language, English first.</summary>
    public List<CampaignAssetTitle> Titles { get; set; } = [];

    /// <summary>Ticked to leave the asset out when saving.</summary>
    public bool Remove { get; set; }

    /// <summary>Nothing was entered: the empty row the form offers for a new asset.</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Url) && Titles.All(t => string.IsNullOrWhiteSpace(t.Text));
}

/// <summary>An asset's title in one language.</summary>
public sealed class CampaignAssetTitle
{
    public string Language { get; set; } = "";

    public string Text { get; set; } = "";
}
