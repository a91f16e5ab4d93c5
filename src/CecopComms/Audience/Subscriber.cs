namespace CecopComms.Audience;

/// <summary>A person who may receive mail.</summary>
public sealed record Subscriber
{
    public long Id { get; init; }
    /// <summary>Public identity used in signed links, never the e-mail.</summary>
    public string Uuid { get; init; } = "";
    /// <summary>As written, domain lower-cased Unicode.</summary>
    public string Email { get; init; } = "";
    /// <summary>The case-insensitive identity: lower-cased, domain in punycode.</summary>
    public string EmailKey { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>BCP 47 tag.</summary>
    public string Language { get; init; } = "en";
    public long? OrganisationId { get; init; }
    /// <summary>Free attributes: a JSON object as text (written as an object in JSON output).</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(JsonTextConverter))]
    public string Attributes { get; init; } = "{}";
    public SubscriberStatus Status { get; init; }
    public DateTimeOffset? ErasedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
