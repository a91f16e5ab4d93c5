namespace CecopComms.Delivery;

/// <summary>What a signed link says: who (the subscriber's public uuid, never the e-mail), which mailing, and for what.</summary>
/// <param name="Purpose">What it may be used for.</param>
/// <param name="SubscriberUuid">The subscriber's uuid.</param>
/// <param name="MailingId">The mailing the link came in; 0 for a preview or a test copy.</param>
public sealed record RecipientToken(TokenPurpose Purpose, Guid SubscriberUuid, long MailingId);
