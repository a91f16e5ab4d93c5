using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace CecopComms.Web.Admin.Content;

/// <summary>What the content forms post, made into the text of the files they write.</summary>
public static class FormText
{
    /// <summary>Browsers post text areas with CRLF; the files use LF. Stray spaces around go.</summary>
    public static string Multiline(string? value) => (value ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();

    /// <summary>A one-line value (a subject, a name: they go into mail headers), its line breaks made spaces.</summary>
    public static string OneLine(string? value) => Multiline(value).Replace('\n', ' ');

    /// <summary>One YAML document as text, LF line ends, without the end marker the loader's files do not carry either, and without a last line break.</summary>
    public static string Yaml(YamlNode root)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var yaml = writer.ToString().TrimEnd();
        return yaml.EndsWith("...", StringComparison.Ordinal) ? yaml[..^3].TrimEnd() : yaml;
    }
}
