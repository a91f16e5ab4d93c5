using System.Globalization;
using CecopComms.Content.Campaigns;
using CecopComms.Content.Sources;
using CecopComms.Content.Validation;
using YamlDotNet.RepresentationModel;

namespace CecopComms.Web.Admin.Content;

/// <summary>
/// Turns the campaign mailing form into its Markdown files (NAME.md in English, NAME.LANG.md per variant: front matter
/// written with YamlDotNet, then the body), and the files back into the form.
/// </summary>
public static class MailingMarkdown
{
    /// <summary>The files by name, each with the lines of its fields; a variant with neither subject nor body is left out.</summary>
    public static IReadOnlyDictionary<string, GeneratedText> Write(CampaignMailingForm form)
    {
        var slug = Clean(form.Slug);
        var files = new Dictionary<string, GeneratedText>(StringComparer.Ordinal);
        for (var i = 0; i < form.Texts.Count; i++)
        {
            var text = form.Texts[i];
            var language = i == 0 ? LocalText.Fallback : Clean(text.Language);
            if (i > 0 && (language.Length == 0 || language == LocalText.Fallback)) continue;
            if (i > 0 && OneLine(text.Subject).Length == 0 && Multiline(text.Body).Length == 0) continue;
            var front = new YamlMappingNode();
            if (i == 0 && OneLine(form.Title).Length > 0) front.Add("title", OneLine(form.Title));
            front.Add("subject", OneLine(text.Subject));
            if (OneLine(text.Preheader).Length > 0) front.Add("preheader", OneLine(text.Preheader));
            var yaml = FormText.Yaml(front);
            var frontLines = yaml.Split('\n');
            var prefix = $"Form.Texts[{i}]";
            var label = i == 0 ? "English" : language;
            var fields = new List<FormField>();
            for (var l = 0; l < frontLines.Length; l++)
            {
                var key = frontLines[l].Split(':')[0];
                // Line 1 is the opening '---'.
                if (key is "title" or "subject" or "preheader")
                    fields.Add(new FormField(l + 2, key == "title" ? "Form.Title" : $"{prefix}.{char.ToUpperInvariant(key[0])}{key[1..]}", $"{label}, {key}", key, -1));
            }
            // The closing '---' line: "no text after the front matter" is reported there, and the body's own lines follow it.
            fields.Add(new FormField(frontLines.Length + 2, $"{prefix}.Body", $"{label}, text", "body", -1));
            var name = i == 0 ? $"{slug}.md" : $"{slug}.{language}.md";
            files[name] = new GeneratedText($"---\n{yaml}\n---\n{Multiline(text.Body)}\n", fields);
        }
        return files;
    }

    /// <summary>A mailing's files as the form shows them, English first; <paramref name="planned"/> is shown in Brussels time.</summary>
    public static CampaignMailingForm Read(string slug, IReadOnlyDictionary<string, string> files, string planned)
    {
        var diagnostics = new Diagnostics();
        var texts = files.Select(f => MailingFileReader.Read(new SourceText(f.Key, f.Value), MailingFileReader.LanguageOf(f.Key, slug), diagnostics))
            .OfType<MailingFile>().OrderBy(f => f.Language == LocalText.Fallback ? "" : f.Language, StringComparer.Ordinal).ToList();
        if (texts.Count == 0 || texts[0].Language != LocalText.Fallback)
            texts.Insert(0, new MailingFile(new SourceText("", ""), LocalText.Fallback, LocatedText.At("", "", 1, 1), null, null, LocatedText.At("", "", 1, 1)));
        return new CampaignMailingForm
        {
            Slug = slug,
            Title = texts[0].Title?.Value,
            Planned = planned,
            Texts = texts.Select(t => new MailingTextForm { Language = t.Language, Subject = t.Subject.Value, Preheader = t.Preheader?.Value, Body = t.Body.Value.Trim('\n') }).ToList(),
        };
    }

    private static string Multiline(string? value) => FormText.Multiline(value);

    // A subject goes into a mail header: a line break there would start a header of its own.
    private static string OneLine(string? value) => FormText.OneLine(value);

    private static string Clean(string? value) => OneLine(value);
}
