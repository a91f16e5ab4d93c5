namespace CecopComms.Delivery.Bounces;

/// <summary>One recorded bounce, for `cecop bounces list`.</summary>
public sealed record BounceListItem
{
    public long Id { get; init; }
    public long? MailingId { get; init; }
    public long SubscriberId { get; init; }
    public string Email { get; init; } = "";
    /// <summary>The person's status now: bounced, or still active after a soft bounce.</summary>
    public string SubscriberStatus { get; init; } = "";
    public string Kind { get; init; } = "";
    /// <summary>"550 5.1.1"</summary>
    public string Code { get; init; } = "";
    public string Reply { get; init; } = "";
    /// <summary>smtp (refused while sending) or dsn (a report in the bounce mailbox).</summary>
    public string Source { get; init; } = "";
    public DateTimeOffset BouncedAt { get; init; }
}
