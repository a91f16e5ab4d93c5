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
    /// <summary>On the exported list; not written for a segment.</summary>
    public string? SubscriptionStatus { get; init; }
    /// <summary>The free attributes as a JSON object.</summary>
    public string Attributes { get; init; } = "{}";
    public DateTimeOffset CreatedAt { get; init; }

    // PostgreSQL's jsonb gives the object back with a space after each colon and comma; an export writes it compact on both databases.
    private string CompactAttributes => System.Text.Json.Nodes.JsonNode.Parse(Attributes)?.ToJsonString() ?? "{}";
    /// <summary>The slugs of the lists the person is confirmed on, space-separated; filled in a segment's export.</summary>
    public string? Lists { get; init; }

    /// <summary>The CSV header, in the order of <see cref="ToFields"/>.</summary>
    public static readonly string[] Header = ["email", "name", "language", "organisation", "country", "status", "subscription_status", "attributes", "created_at"];

    /// <summary>The CSV header of a segment's export (its page and the CLI), in the order of <see cref="ToSegmentFields"/>: the lists in place of a subscription status.</summary>
    public static readonly string[] SegmentHeader = ["email", "name", "language", "organisation", "country", "status", "lists", "attributes", "created_at"];

    public string[] ToSegmentFields() => [Email, Name, Language, Organisation ?? "", Country ?? "", Status, Lists ?? "", CompactAttributes, Storage.DbTime.ToText(CreatedAt)];

    public string[] ToFields() => [Email, Name, Language, Organisation ?? "", Country ?? "", Status, SubscriptionStatus ?? "", CompactAttributes, Storage.DbTime.ToText(CreatedAt)];
}
