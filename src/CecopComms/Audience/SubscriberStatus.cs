namespace CecopComms.Audience;

/// <summary>Whether a person can be mailed at all; stored lower-case.</summary>
public enum SubscriberStatus
{
    Active,
    Unsubscribed,
    Bounced,
    Blocklisted,
}
