using CecopComms.Content.Sources;
using CecopComms.Content.Validation;
using YamlDotNet.RepresentationModel;

namespace CecopComms.Content.Rendering;

/// <summary>
/// The fixed words of the templates ("Read more", "Unsubscribe") per language, from templates/strings.yaml;
/// a language without a word falls back to English.
/// </summary>
public sealed class UiStrings(IReadOnlyDictionary<string, LocalText> words)
{
    public bool Has(string key) => words.ContainsKey(key);

    public IEnumerable<string> Keys => words.Keys;

    public string Get(string key, string language) =>
        words.TryGetValue(key, out var text)
            ? (text.Variants.GetValueOrDefault(language) ?? text.Variants.GetValueOrDefault(Primary(language)) ?? text.Get(LocalText.Fallback))?.Value ?? key
            : key;

    public static string Primary(string language) => language.Split('-')[0];

    public static UiStrings Read(SourceText source, Diagnostics diagnostics)
    {
        diagnostics.Know(source);
        var yaml = new YamlSource(source, diagnostics);
        var root = yaml.Root();
        var words = new Dictionary<string, LocalText>(StringComparer.Ordinal);
        if (root is null) return new UiStrings(words);
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>())
            words[key.Value!] = yaml.Local(root, key.Value!, required: true);
        return new UiStrings(words);
    }
}
