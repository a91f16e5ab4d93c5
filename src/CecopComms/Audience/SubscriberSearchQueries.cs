namespace CecopComms.Audience;

/// <summary>Named queries of Storage/Sql/{dialect}/subscriber-search.sql.</summary>
public sealed class SubscriberSearchQueries
{
    public string FindSubscribers { get; set; } = "";
    public string CountSubscribersFound { get; set; } = "";
}
