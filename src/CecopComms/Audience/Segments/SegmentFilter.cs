using System.Text.Json;

namespace CecopComms.Audience.Segments;

/// <summary>A saved filter: a subscriber belongs to the segment when every condition holds. Stored as JSON in segments.filter.</summary>
public sealed record SegmentFilter(IReadOnlyList<SegmentCondition> All)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="JsonException">The text is not a stored filter.</exception>
    public static SegmentFilter FromJson(string json) =>
        JsonSerializer.Deserialize<SegmentFilter>(json, Json) ?? throw new JsonException("The segment filter is empty.");

    /// <summary>The filter in the --where syntax it was written in, one condition after another.</summary>
    public override string ToString() =>
        string.Join(" and ", All.Select(c => (c.Key is null ? c.Field : $"attr:{c.Key}") + c.Operator + string.Join(',', c.Values)));
}
