namespace CecopComms.Audience;

/// <summary>
/// Everything held on one person (GDPR art. 15): the subscriber row, their organisation, subscriptions and consents,
/// and what other parts of the application keep on them (<see cref="IPersonalDataHolder"/>), by the holder's name.
/// </summary>
public sealed record PersonalData(
    Subscriber Subscriber,
    Organisation? Organisation,
    IReadOnlyList<Subscription> Subscriptions,
    IReadOnlyList<Consent> Consents,
    IReadOnlyDictionary<string, object> Elsewhere);
