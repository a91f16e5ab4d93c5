using CecopComms.Content.Sources;
using CecopComms.Content.Validation;
using YamlDotNet.RepresentationModel;

namespace CecopComms.Content.Editions;

/// <summary>
/// Reads an edition file:
/// <code>
/// publication: cecop-link         # or cecop-newsletter
/// number: 9                       # optional: the next number of the year when left out
/// date: 2023-12-14
/// languages: [en, fr, it]         # the variants expected; a missing one is a warning, readers get English
/// subject: { en: ..., fr: ... }
/// intro: { en: |  Markdown ... }
/// items:
///   - { date: 2023-11-30, title: {en: ...}, tags: [News, Event], summary: {en: ...}, link: https://..., image: https://..., image_alt: {en: ...} }
/// </code>
/// </summary>
public static class EditionReader
{
    /// <summary>The edition, or null when it is too broken to read on; problems go to <paramref name="diagnostics"/>.</summary>
    public static EditionDocument? Read(SourceText source, Diagnostics diagnostics)
    {
        diagnostics.Know(source);
        var yaml = new YamlSource(source, diagnostics);
        var root = yaml.Root();
        if (root is null) return null;
        var publication = yaml.Scalar(root, "publication", required: true);
        var number = yaml.Scalar(root, "number", required: false);
        int? parsedNumber = null;
        if (number is not null)
        {
            if (int.TryParse(number.Value, out var n) && n > 0) parsedNumber = n;
            else diagnostics.Error(source.Name, number.Line, number.Column, $"'number' must be a whole number from 1, not '{number.Value}'");
        }
        var date = yaml.Date(root, "date", required: true);
        var subject = yaml.Local(root, "subject", required: true, header: true);
        var document = new EditionDocument(
            source,
            publication ?? LocatedText.At("", source.Name, 1, 1),
            parsedNumber,
            date ?? default,
            Languages(yaml, root, subject, diagnostics),
            subject,
            yaml.Local(root, "preheader", required: false),
            yaml.Local(root, "intro", required: true),
            yaml.Sequence(root, "items").Select(node => Item(yaml, node, diagnostics)).OfType<NewsItem>().ToList());
        WarnMissingVariants(document, diagnostics);
        return publication is null || date is null ? null : document;
    }

    private static IReadOnlyList<string> Languages(YamlSource yaml, YamlMappingNode root, LocalText subject, Diagnostics diagnostics)
    {
        var declared = yaml.Scalars(root, "languages");
        if (declared.Count == 0) return subject.Variants.Keys.Order(StringComparer.Ordinal).ToList();
        var result = new List<string>();
        foreach (var language in declared)
        {
            if (Audience.Languages.TryNormalise(language.Value, out var tag)) result.Add(tag!);
            else diagnostics.Error(language.File, language.Line, language.Column, $"'{language.Value}' is not a language tag (en, it, fr, es, pl...)");
        }
        if (!result.Contains(LocalText.Fallback)) result.Insert(0, LocalText.Fallback);
        return result;
    }

    private static NewsItem? Item(YamlSource yaml, YamlNode node, Diagnostics diagnostics)
    {
        if (node is not YamlMappingNode item)
        {
            yaml.Error(node, "a news item is a mapping: date, title, tags, summary, link");
            return null;
        }
        var date = yaml.Date(item, "date", required: true);
        var title = yaml.Local(item, "title", required: true);
        var tags = new List<string>();
        foreach (var tag in yaml.Scalars(item, "tags"))
        {
            if (NewsTags.Find(tag.Value) is { } known) tags.Add(known);
            else diagnostics.Error(tag.File, tag.Line, tag.Column, $"unknown tag '{tag.Value}'; tags: {string.Join(", ", NewsTags.All)}");
        }
        var summary = yaml.Local(item, "summary", required: true);
        var link = yaml.Scalar(item, "link", required: true);
        HttpsLink.Check(link, diagnostics);
        var image = yaml.Scalar(item, "image", required: false);
        HttpsLink.Check(image, diagnostics);
        var alt = yaml.Local(item, "image_alt", required: false);
        if (image is not null && alt.Get(LocalText.Fallback) is null)
            diagnostics.Error(image.File, image.Line, image.Column, "an image needs alt text: add image_alt (what the image shows)");
        return date is null || link is null ? null : new NewsItem(date.Value, title, tags, summary, link, image, alt);
    }

    private static void WarnMissingVariants(EditionDocument document, Diagnostics diagnostics)
    {
        foreach (var language in document.Languages.Where(l => l != LocalText.Fallback))
        {
            Warn(document.Subject, "subject", language, document, diagnostics);
            Warn(document.Intro, "intro", language, document, diagnostics);
            var untranslated = document.Items.Select((item, i) => (item, i))
                .Where(x => !x.item.Title.Variants.ContainsKey(language) || !x.item.Summary.Variants.ContainsKey(language)).ToList();
            if (untranslated.Count > 0 && untranslated[0].item.Title.Get(LocalText.Fallback) is { } first)
                diagnostics.Warning(document.Source.Name, first.Line, first.Column,
                    $"{untranslated.Count} of {document.Items.Count} news items have no '{language}' title or summary (items {string.Join(", ", untranslated.Select(x => x.i + 1))}): readers in {language} get them in English");
        }
    }

    private static void Warn(LocalText text, string field, string language, EditionDocument document, Diagnostics diagnostics)
    {
        if (text.Variants.ContainsKey(language) || text.Get(LocalText.Fallback) is not { } english) return;
        diagnostics.Warning(document.Source.Name, english.Line, english.Column, $"'{field}' has no '{language}' variant: readers in {language} get the English text");
    }
}
