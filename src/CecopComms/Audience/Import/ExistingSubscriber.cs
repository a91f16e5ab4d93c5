namespace CecopComms.Audience.Import;

/// <summary>What the database holds for an address in the batch, with its subscription to the import's list if any.</summary>
internal sealed record ExistingSubscriber(
    long Id,
    string Name,
    string Language,
    long? OrganisationId,
    string Attributes,
    string Status,
    string? SubscriptionStatus,
    string? UnsubscribedAt);
