using System.Text;
using System.Text.Json.Nodes;
using CecopComms.Audience;

namespace CecopComms.Web.Admin.Audiences;

/// <summary>A subscriber's free attributes as the edit form shows them: one NAME=VALUE a line, as `--attr` takes them.</summary>
public static class AttributeLines
{
    /// <summary>The attributes object (JSON text) as lines; values that are not text keep their JSON form.</summary>
    public static string Format(string attributesJson)
    {
        var text = new StringBuilder();
        if (JsonNode.Parse(attributesJson) is JsonObject attributes)
            foreach (var (name, value) in attributes)
                text.Append(name).Append('=').Append(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "").Append('\n');
        return text.ToString();
    }

    /// <summary>Reads the lines back; blank lines are skipped, values are kept as text.</summary>
    /// <exception cref="AudienceException">A line has no '=' or no name before it; the message gives its number.</exception>
    public static JsonObject Parse(string? lines)
    {
        var attributes = new JsonObject();
        var number = 0;
        foreach (var line in (lines ?? "").Split('\n'))
        {
            number++;
            var text = line.TrimEnd('\r');
            if (text.Trim().Length == 0) continue;
            var at = text.IndexOf('=');
            if (at <= 0 || text[..at].Trim().Length == 0)
                throw new AudienceException($"Attributes, line {number}: '{text.Trim()}' should read NAME=VALUE.");
            attributes[text[..at].Trim()] = text[(at + 1)..].Trim();
        }
        return attributes;
    }
}
