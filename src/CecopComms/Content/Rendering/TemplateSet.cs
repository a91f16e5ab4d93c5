using CecopComms.Content.Validation;

namespace CecopComms.Content.Rendering;

/// <summary>
/// The files of the templates folder: layout.html.hbs, partials/NAME.html.hbs (and NAME.txt.hbs for text templates),
/// one NAME.html.hbs per publication or for campaigns with an optional NAME.txt.hbs, and strings.yaml.
/// </summary>
public sealed class TemplateSet
{
    public const string Layout = "layout";

    private TemplateSet(string folder, IReadOnlyDictionary<string, SourceText> files, UiStrings strings)
    {
        Folder = folder;
        Files = files;
        Strings = strings;
    }

    public string Folder { get; }

    /// <summary>By key: "layout.html", "cecop-link.html", "partials/footer.html", "cecop-newsletter.txt".</summary>
    public IReadOnlyDictionary<string, SourceText> Files { get; }

    public UiStrings Strings { get; }

    public SourceText? Template(string name, string extension) => Files.GetValueOrDefault($"{name}.{extension}");

    /// <summary>Partial name to source, for "html" or "txt" templates.</summary>
    public IReadOnlyDictionary<string, SourceText> Partials(string extension) =>
        Files.Where(f => f.Key.StartsWith("partials/", StringComparison.Ordinal) && f.Key.EndsWith("." + extension, StringComparison.Ordinal))
            .ToDictionary(f => f.Key["partials/".Length..^(extension.Length + 1)], f => f.Value, StringComparer.Ordinal);

    /// <summary>Reads every template of <paramref name="folder"/>; <paramref name="displayFolder"/> is how messages name it.</summary>
    /// <exception cref="ContentValidationException">The folder or its layout is missing.</exception>
    public static TemplateSet Load(string folder, string displayFolder, Diagnostics diagnostics)
    {
        if (!Directory.Exists(folder)) throw new ContentValidationException($"The templates folder {folder} does not exist (setting Content:TemplatesPath).");
        var files = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*.hbs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            var source = new SourceText($"{displayFolder.TrimEnd('/')}/{relative}", File.ReadAllText(path));
            diagnostics.Know(source);
            files[relative[..^".hbs".Length]] = source;
        }
        if (!files.ContainsKey(Layout + ".html")) throw new ContentValidationException($"The templates folder {folder} has no {Layout}.html.hbs.");
        var stringsPath = Path.Combine(folder, "strings.yaml");
        var strings = File.Exists(stringsPath)
            ? UiStrings.Read(new SourceText($"{displayFolder.TrimEnd('/')}/strings.yaml", File.ReadAllText(stringsPath)), diagnostics)
            : new UiStrings(new Dictionary<string, Sources.LocalText>());
        return new TemplateSet(folder, files, strings);
    }
}
