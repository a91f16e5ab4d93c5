namespace CecopComms.Content;

/// <summary>What a template may know about the person a message is rendered for. All of it is untrusted text.</summary>
public sealed record RecipientData(
    long SubscriberId,
    string SubscriberUuid,
    string Email,
    string Name,
    string Language,
    string? OrganisationName,
    string? Country,
    IReadOnlyDictionary<string, string?> Attributes);
