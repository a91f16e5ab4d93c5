namespace CecopComms.Audience.Import;

/// <summary>The named queries of Storage/Sql/{dialect}/import.sql.</summary>
internal sealed class ImportQueries
{
    public string GetList { get; set; } = "";
    public string GetOrganisations { get; set; } = "";
    public string CreateSeen { get; set; } = "";
    public string DropSeen { get; set; } = "";
    public string WidenCache { get; set; } = "";
    public string RestoreCache { get; set; } = "";
    public string MarkSeen { get; set; } = "";
    public string MarkRuns { get; set; } = "";
    public string FindSubscribers { get; set; } = "";
    public string InsertSubscribers { get; set; } = "";
    public string UpdateSubscriber { get; set; } = "";
    public string InsertSubscriptions { get; set; } = "";
    public string ConfirmSubscription { get; set; } = "";
    public string InsertConsents { get; set; } = "";
    public string InsertOrganisation { get; set; } = "";
    public string UpdateOrganisation { get; set; } = "";
}
