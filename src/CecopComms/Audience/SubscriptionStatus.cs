namespace CecopComms.Audience;

/// <summary>Where a person stands on one list; stored lower-case.</summary>
public enum SubscriptionStatus
{
    Unconfirmed,
    Confirmed,
    Unsubscribed,
}
