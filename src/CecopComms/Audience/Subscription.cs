namespace CecopComms.Audience;

/// <summary>One person on one list.</summary>
public sealed record Subscription
{
    public string ListSlug { get; init; } = "";
    public string ListName { get; init; } = "";
    public SubscriptionStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public DateTimeOffset? UnsubscribedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
