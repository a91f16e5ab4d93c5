namespace CecopComms.Audience;

/// <summary>One line of a subscriber export.</summary>
public sealed record ExportRow
{
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    public string Language { get; init; } = "";
    public string? Organisation { get; init; }
    public string? Country { get; init; }
    public string Status { get; init; } = "";
    /// <summary>On the exported list; empty when a segment is exported.</summary>
    public string? SubscriptionStatus { get; init; }
    /// <summary>The free attributes as a JSON object.</summary>
    public string Attributes { get; init; } = "{}";
    /// <summary>DbTime text.</summary>
    public string CreatedAt { get; init; } = "";

    /// <summary>The CSV header, in the order of <see cref="ToFields"/>.</summary>
    public static readonly string[] Header = ["email", "name", "language", "organisation", "country", "status", "subscription_status", "attributes", "created_at"];

    public string[] ToFields() => [Email, Name, Language, Organisation ?? "", Country ?? "", Status, SubscriptionStatus ?? "", Attributes, CreatedAt];
}
