namespace CecopComms.Reach;

/// <summary>Named queries of Storage/Sql/{dialect}/reach.sql.</summary>
public sealed class ReachQueries
{
    public string StartedMailings { get; set; } = "";
    public string StoredFigures { get; set; } = "";
    public string SaveFigures { get; set; } = "";
    public string SentPeople { get; set; } = "";
    public string BouncedPeople { get; set; } = "";
    public string MailingEvents { get; set; } = "";
    public string Lists { get; set; } = "";
    public string Publications { get; set; } = "";
    public string FirstRecord { get; set; } = "";
    public string SubscriptionChanges { get; set; } = "";
    public string SubscriptionChangesByMinute { get; set; } = "";
    public string BouncesInPeriod { get; set; } = "";
    public string CampaignMailings { get; set; } = "";
}
