namespace CecopComms.Content.Campaigns;

/// <summary>Named queries of Storage/Sql/{dialect}/campaigns.sql.</summary>
public sealed class CampaignQueries
{
    public string UpsertCampaign { get; set; } = "";
    public string UpsertCampaignMailing { get; set; } = "";
    public string GetCampaign { get; set; } = "";
    public string DeleteUnplannedDrafts { get; set; } = "";
    public string ListCampaigns { get; set; } = "";
    public string ListCampaignMailings { get; set; } = "";
    public string GetCampaignMailing { get; set; } = "";
    public string SetCampaignMailingState { get; set; } = "";
}
