namespace CecopComms.Audience;

/// <summary>Everything held on one person (GDPR art. 15): the subscriber row, their organisation, subscriptions and consents.</summary>
public sealed record PersonalData(
    Subscriber Subscriber,
    Organisation? Organisation,
    IReadOnlyList<Subscription> Subscriptions,
    IReadOnlyList<Consent> Consents);
