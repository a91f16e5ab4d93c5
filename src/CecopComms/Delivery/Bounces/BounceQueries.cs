namespace CecopComms.Delivery.Bounces;

/// <summary>Named queries of Storage/Sql/{dialect}/bounces.sql.</summary>
public sealed class BounceQueries
{
    public string InsertBounce { get; set; } = "";
    public string CountRecentSoft { get; set; } = "";
    public string MarkSubscriberBounced { get; set; } = "";
    public string LedgerRow { get; set; } = "";
    public string FindByMessageId { get; set; } = "";
    public string FindSubscriberByEmail { get; set; } = "";
    public string ListBounces { get; set; } = "";
}
