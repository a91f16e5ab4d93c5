using System.Text.Json;
using System.Text.Json.Serialization;

namespace CecopComms.Audience;

/// <summary>Writes a string that already holds JSON (such as subscribers.attributes) as JSON, not as a quoted string.</summary>
public sealed class JsonTextConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteRawValue(value);
}
