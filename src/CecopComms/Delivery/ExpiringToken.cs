namespace CecopComms.Delivery;

/// <summary>What a signed link that runs out says: who, about what, for what, and until when.</summary>
/// <param name="Purpose">What it may be used for (a confirmation, a member login).</param>
/// <param name="SubscriberUuid">The subscriber's uuid, never the e-mail.</param>
/// <param name="SubjectId">What it is about: the list of a confirmation, 0 when nothing.</param>
/// <param name="ExpiresAt">After this instant the link is refused (to the second).</param>
public sealed record ExpiringToken(TokenPurpose Purpose, Guid SubscriberUuid, long SubjectId, DateTimeOffset ExpiresAt)
{
    /// <summary>Whether the link has run out at <paramref name="now"/>.</summary>
    public bool HasExpired(DateTimeOffset now) => now >= ExpiresAt;
}
