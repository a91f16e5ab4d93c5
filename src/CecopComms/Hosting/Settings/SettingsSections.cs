using System.Text.Json;
using System.Text.Json.Nodes;

namespace CecopComms.Hosting.Settings;

/// <summary>
/// The sections of the settings page, each kept as one row of the settings table, and the names of the values in them
/// that are secrets: never shown, logged or listed in the activity log, only said to be set, replaced or cleared.
/// </summary>
public static class SettingsSections
{
    public const string Smtp = "smtp";
    public const string Rates = "rates";
    public const string Dkim = "dkim";
    public const string Bounces = "bounces";
    public const string Tracking = "tracking";

    /// <summary>Every section, in the order the page shows them.</summary>
    public static readonly IReadOnlyList<string> All = [Smtp, Rates, Dkim, Bounces, Tracking];

    /// <summary>Property names whose values are secrets, wherever they occur in a section.</summary>
    public static readonly IReadOnlySet<string> Secrets = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Password", "PrivateKey", "OAuthToken" };

    /// <summary>How sections are written: property names as in appsettings.json, so a stored section reads like the file's.</summary>
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>"Servers:0:Host" → value for every leaf of a section's JSON; secrets as they are (the caller hides them).</summary>
    public static IReadOnlyDictionary<string, string> Flatten(string json)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(JsonNode.Parse(json), "", values);
        return values;
    }

    /// <summary>Whether the leaf <paramref name="key"/> ("Servers:0:Password") is a secret.</summary>
    public static bool IsSecret(string key) => Secrets.Contains(key[(key.LastIndexOf(':') + 1)..]);

    private static void Walk(JsonNode? node, string path, IDictionary<string, string> values)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o) Walk(child, path.Length == 0 ? name : $"{path}:{name}", values);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) Walk(a[i], $"{path}:{i}", values);
                break;
            case null:
                values[path] = "";
                break;
            default:
                values[path] = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
                break;
        }
    }
}
