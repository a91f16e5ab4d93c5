using CecopComms.Content.Validation;
using Scriban;

namespace CecopComms.Content.Rendering;

/// <summary>
/// The files of the templates folder, each parsed once: layout.html.sbn, partials/NAME.html.sbn (and NAME.txt.sbn for
/// text templates), one NAME.html.sbn per publication or for campaigns with an optional NAME.txt.sbn. The words the
/// templates print with <c>t</c> are the reader's words of Localization/ReaderText.resx, in every shipped language.
/// </summary>
public sealed class TemplateSet
{
    public const string Layout = "layout";
    public const string Extension = ".sbn";

    private readonly IReadOnlyDictionary<string, Template> _parsed;

    private TemplateSet(string folder, IReadOnlyDictionary<string, SourceText> files, IReadOnlyDictionary<string, Template> parsed)
    {
        Folder = folder;
        Files = files;
        _parsed = parsed;
    }

    public string Folder { get; }

    /// <summary>By key: "layout.html", "cecop-link.html", "partials/footer.html", "cecop-newsletter.txt".</summary>
    public IReadOnlyDictionary<string, SourceText> Files { get; }

    public SourceText? Template(string name, string extension) => Files.GetValueOrDefault($"{name}.{extension}");

    /// <summary>The parsed template, or null when there is none or it does not parse (its errors are in the load's diagnostics).</summary>
    public Template? Parsed(string name, string extension) => _parsed.GetValueOrDefault($"{name}.{extension}");

    /// <summary>Partial name to parsed template and source, for "html" or "txt" templates.</summary>
    public IReadOnlyDictionary<string, (Template Template, SourceText Source)> Partials(string extension) =>
        Files.Where(f => f.Key.StartsWith("partials/", StringComparison.Ordinal) && f.Key.EndsWith("." + extension, StringComparison.Ordinal) && _parsed.ContainsKey(f.Key))
            .ToDictionary(f => f.Key["partials/".Length..^(extension.Length + 1)], f => (_parsed[f.Key], f.Value), StringComparer.Ordinal);

    /// <summary>Reads and parses every template of <paramref name="folder"/>; <paramref name="displayFolder"/> is how messages name it.</summary>
    /// <exception cref="ContentValidationException">The folder or its layout is missing.</exception>
    public static TemplateSet Load(string folder, string displayFolder, Diagnostics diagnostics)
    {
        if (!Directory.Exists(folder)) throw new ContentValidationException($"The templates folder {folder} does not exist (setting Content:TemplatesPath).");
        var files = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        var parsed = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*" + Extension, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
            var source = new SourceText($"{displayFolder.TrimEnd('/')}/{relative}", File.ReadAllText(path));
            diagnostics.Know(source);
            var key = relative[..^Extension.Length];
            files[key] = source;
            if (TemplateSyntax.Parse(source, diagnostics) is { } template) parsed[key] = template;
        }
        if (!files.ContainsKey(Layout + ".html")) throw new ContentValidationException($"The templates folder {folder} has no {Layout}.html{Extension}.");
        return new TemplateSet(folder, files, parsed);
    }
}
