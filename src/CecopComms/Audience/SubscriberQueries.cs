namespace CecopComms.Audience;

/// <summary>Named queries of Storage/Sql/{dialect}/subscribers.sql.</summary>
public sealed class SubscriberQueries
{
    public string InsertSubscriber { get; set; } = "";
    public string GetSubscriberByKey { get; set; } = "";
    public string ListContacts { get; set; } = "";
    public string EraseSubscriber { get; set; } = "";
    public string UpdateSubscriber { get; set; } = "";
    public string SetSubscriberStatus { get; set; } = "";
}
