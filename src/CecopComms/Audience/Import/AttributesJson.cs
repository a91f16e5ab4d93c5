using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CecopComms.Audience.Import;

/// <summary>
/// subscribers.attributes: a JSON object of free text values. Non-ASCII is written as itself (not \u escapes), the same
/// way on insert and on merge, so importing a file again finds the stored text equal.
/// </summary>
internal sealed class AttributesJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;

    public AttributesJson() => _writer = new Utf8JsonWriter(_buffer, WriterOptions);

    public string Write(IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        if (attributes.Count == 0) return "{}";
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        foreach (var (key, value) in attributes) _writer.WriteString(key, value);
        _writer.WriteEndObject();
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    /// <summary>Sets the file's values over the stored ones; false (and the stored text) when nothing changes.</summary>
    public static bool TryMerge(string stored, IReadOnlyList<KeyValuePair<string, string>> attributes, out string merged)
    {
        merged = stored;
        if (attributes.Count == 0) return false;
        var node = ParseObject(stored, out var changed);
        foreach (var (key, value) in attributes)
        {
            if (node[key] is JsonValue current && current.TryGetValue<string>(out var text) && text == value) continue;
            node[key] = value;
            changed = true;
        }
        if (changed) merged = node.ToJsonString(Options);
        return changed;
    }

    private static JsonObject ParseObject(string stored, out bool repaired)
    {
        repaired = false;
        try
        {
            if (JsonNode.Parse(stored) is JsonObject existing) return existing;
        }
        catch (JsonException)
        {
        }
        repaired = true;
        return new JsonObject();
    }
}
