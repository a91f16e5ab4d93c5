namespace CecopComms.Audience.Segments;

/// <summary>A saved filter over subscribers, usable wherever a list is.</summary>
public sealed record Segment
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>The <see cref="SegmentFilter"/> as JSON.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(JsonTextConverter))]
    public string Filter { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
