namespace CecopComms.Delivery.Tracking;

/// <summary>Named queries of Storage/Sql/{dialect}/tracking.sql.</summary>
public sealed class TrackingQueries
{
    public string InsertMailingLink { get; set; } = "";
    public string MailingLinks { get; set; } = "";
    public string InsertEvent { get; set; } = "";
    public string EventsOfSubscriber { get; set; } = "";
}
