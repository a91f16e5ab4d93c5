using CecopComms.Content.Sources;
using CecopComms.Content.Validation;

namespace CecopComms.Content.Campaigns;

/// <summary>
/// Reads a campaign mailing's Markdown file: front matter between two '---' lines (subject, optional title and
/// preheader), then the body. NAME.md is English; NAME.it.md, NAME.fr.md... are its language variants.
/// </summary>
public static class MailingFileReader
{
    public static MailingFile? Read(SourceText source, string language, Diagnostics diagnostics)
    {
        diagnostics.Know(source);
        if (!source.CheckLength(diagnostics)) return null;
        var lines = source.Lines;
        if (lines.Count == 0 || lines[0].Trim() != "---")
        {
            diagnostics.Error(source.Name, 1, 1, "a campaign mailing starts with front matter: a '---' line, subject: ..., and another '---' line");
            return null;
        }
        var close = -1;
        for (var i = 1; i < lines.Count; i++) if (lines[i].Trim() == "---") { close = i; break; }
        if (close < 0)
        {
            diagnostics.Error(source.Name, 1, 1, "the front matter opened on line 1 is never closed with a '---' line");
            return null;
        }
        var front = new SourceText(source.Name, string.Join('\n', lines.Skip(1).Take(close - 1)));
        var yaml = new YamlSource(front, diagnostics);
        var root = yaml.Root(lineOffset: 1);
        if (root is null) return null;
        var subject = yaml.Scalar(root, "subject", required: true, header: true);
        var body = string.Join('\n', lines.Skip(close + 1));
        if (string.IsNullOrWhiteSpace(body)) diagnostics.Error(source.Name, close + 1, 1, "the mailing has no text after its front matter");
        return subject is null ? null : new MailingFile(source, language, subject, yaml.Scalar(root, "title", required: false),
            yaml.Scalar(root, "preheader", required: false), new LocatedText(body, source.Name, close + 2, 1, close + 2));
    }

    /// <summary>"01-launch.it.md" gives "it"; "01-launch.md" gives "en".</summary>
    public static string LanguageOf(string fileName, string slug)
    {
        var middle = Path.GetFileNameWithoutExtension(fileName);
        return middle.Length > slug.Length + 1 ? middle[(slug.Length + 1)..] : LocalText.Fallback;
    }
}
