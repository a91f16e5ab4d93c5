namespace CecopComms.Delivery.Bounces;

/// <summary>Messages handled so far out of those in the mailbox.</summary>
public sealed record BounceFetchProgress(int Done, int Total);
