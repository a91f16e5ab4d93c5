namespace CecopComms.Audience.Import;

/// <summary>A subscriber row that passed the checks needing no database. Null means the file leaves that value as it is.</summary>
internal sealed record SubscriberRow(
    long Line,
    string Raw,
    NormalisedEmail Email,
    string? Name,
    string? Language,
    long? OrganisationId,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    bool? Consent,
    string Wording);
