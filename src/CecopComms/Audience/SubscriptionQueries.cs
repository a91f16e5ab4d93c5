namespace CecopComms.Audience;

/// <summary>Named queries of Storage/Sql/{dialect}/subscriptions.sql.</summary>
public sealed class SubscriptionQueries
{
    public string UpsertSubscription { get; set; } = "";
    public string SubscriptionsOfSubscriber { get; set; } = "";
    public string UnsubscribeByStaff { get; set; } = "";
}
