using System.Globalization;
using CecopComms.Content.Editions;
using CecopComms.Content.Sources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace CecopComms.Web.Admin.Content;

/// <summary>
/// Turns the compose form into the YAML `cecop editions load` reads (written with YamlDotNet, Markdown fields as literal
/// blocks), and an edition read from its YAML back into the form. The YAML is the edition: saving goes through the same
/// service and checks as the CLI.
/// </summary>
public static class EditionYaml
{
    /// <summary>The form as edition YAML; empty values are left out, so the loader names what is missing.</summary>
    public static GeneratedEdition Write(EditionForm form)
    {
        form.Align();
        var variants = form.Variants.Select((v, i) => (Variant: v, Index: i)).Where(x => !string.IsNullOrWhiteSpace(x.Variant.Language)).ToList();
        var root = new YamlMappingNode { { "publication", Scalar(form.Publication) } };
        if (form.Number is { } number) root.Add("number", number.ToString(CultureInfo.InvariantCulture));
        root.Add("date", Scalar(form.Date));
        if (variants.Count > 0)
            root.Add("languages", new YamlSequenceNode(new[] { LocalText.Fallback }.Concat(variants.Select(v => Clean(v.Variant.Language))).Select(l => new YamlScalarNode(l)))
            {
                Style = SequenceStyle.Flow,
            });
        root.Add("subject", Local(form.Subject, variants.Select(v => (v.Variant.Language, (string?)v.Variant.Subject)), markdown: false));
        if (!string.IsNullOrWhiteSpace(form.Preheader) || variants.Any(v => !string.IsNullOrWhiteSpace(v.Variant.Preheader)))
            root.Add("preheader", Local(form.Preheader, variants.Select(v => (v.Variant.Language, v.Variant.Preheader)), markdown: false));
        root.Add("intro", Local(form.Intro, variants.Select(v => (v.Variant.Language, (string?)v.Variant.Intro)), markdown: true));
        var items = new YamlSequenceNode();
        if (form.Items.Count == 0) items.Style = SequenceStyle.Flow;
        for (var i = 0; i < form.Items.Count; i++)
        {
            var item = form.Items[i];
            var node = new YamlMappingNode
            {
                { "date", Scalar(item.Date) },
                { "title", Local(item.Title, variants.Select(v => (v.Variant.Language, (string?)v.Variant.Titles[i])), markdown: false) },
                { "tags", new YamlSequenceNode(item.Tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => new YamlScalarNode(Clean(t)))) { Style = SequenceStyle.Flow } },
                { "summary", Local(item.Summary, variants.Select(v => (v.Variant.Language, (string?)v.Variant.Summaries[i])), markdown: true) },
                { "link", Scalar(item.Link) },
            };
            if (!string.IsNullOrWhiteSpace(item.Image))
            {
                node.Add("image", Scalar(item.Image));
                node.Add("image_alt", Local(item.ImageAlt, variants.Select(v => (v.Variant.Language, (string?)v.Variant.ImageAlts[i])), markdown: false));
            }
            items.Add(node);
        }
        root.Add("items", items);

        var yaml = FormText.Yaml(root);
        return new GeneratedEdition(yaml + "\n", Fields(yaml, form));
    }

    /// <summary>
    /// The fields of <paramref name="form"/> in <paramref name="yaml"/> written from it earlier (an edition saved from the
    /// form, read back with <see cref="Read"/>), so problems the checks find in the stored YAML find their field.
    /// </summary>
    public static GeneratedEdition Map(string yaml, EditionForm form)
    {
        form.Align();
        return new GeneratedEdition(yaml, Fields(yaml, form));
    }

    /// <summary>An edition read from its YAML, as the compose form shows it; <paramref name="number"/> keeps the saved edition's number.</summary>
    public static EditionForm Read(EditionDocument document, int number)
    {
        var languages = document.Languages
            .Concat(document.Subject.Variants.Keys).Concat(document.Intro.Variants.Keys)
            .Concat(document.Items.SelectMany(i => i.Title.Variants.Keys.Concat(i.Summary.Variants.Keys)))
            .Where(l => l != LocalText.Fallback).Distinct(StringComparer.Ordinal).ToList();
        return new EditionForm
        {
            Publication = document.Publication.Value,
            Number = document.Number ?? number,
            Date = document.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Subject = Own(document.Subject, LocalText.Fallback),
            Preheader = Own(document.Preheader, LocalText.Fallback),
            Intro = Own(document.Intro, LocalText.Fallback),
            Items = document.Items.Select(i => new NewsItemForm
            {
                Date = i.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Title = Own(i.Title, LocalText.Fallback),
                Tags = i.Tags.ToList(),
                Summary = Own(i.Summary, LocalText.Fallback),
                Link = i.Link.Value,
                Image = i.Image?.Value,
                ImageAlt = Own(i.ImageAlt, LocalText.Fallback),
            }).ToList(),
            Variants = languages.Select(language => new EditionVariantForm
            {
                Language = language,
                Subject = Own(document.Subject, language),
                Preheader = Own(document.Preheader, language),
                Intro = Own(document.Intro, language),
                Titles = document.Items.Select(i => Own(i.Title, language)).ToList(),
                Summaries = document.Items.Select(i => Own(i.Summary, language)).ToList(),
                ImageAlts = document.Items.Select(i => Own(i.ImageAlt, language)).ToList(),
            }).ToList(),
        };
    }

    // Only the variant written in this language, never the English fallback.
    private static string Own(LocalText text, string language) => text.Variants.GetValueOrDefault(language)?.Value ?? "";

    // Browsers post text areas with CRLF; the files use LF. Single-line values lose stray spaces and line breaks.
    private static string Clean(string? value) => FormText.Multiline(value);

    private static YamlScalarNode Scalar(string? value) => new(Clean(value).Replace('\n', ' '));

    private static YamlNode Local(string? english, IEnumerable<(string Language, string? Value)> variants, bool markdown)
    {
        var values = new[] { (Language: LocalText.Fallback, Value: english) }.Concat(variants)
            .Select(v => (Language: Clean(v.Language), Value: markdown ? Clean(v.Value) : Clean(v.Value).Replace('\n', ' ')))
            .Where(v => v.Value.Length > 0).ToList();
        // Nothing written at all: an empty value, which the loader reports as missing at this very line.
        if (values.Count == 0) return new YamlScalarNode("");
        var mapping = new YamlMappingNode();
        foreach (var (language, value) in values)
            mapping.Add(language, new YamlScalarNode(markdown ? value + "\n" : value) { Style = markdown ? ScalarStyle.Literal : ScalarStyle.Any });
        return mapping;
    }

    // Reads the YAML back (YamlDotNet gives each node its line) and names the form field each key was written from.
    private static List<FormField> Fields(string yaml, EditionForm form)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var fields = new List<FormField>();
        var variantIndex = form.Variants.Select((v, i) => (Language: Clean(v.Language), Index: i)).Where(v => v.Language.Length > 0)
            .GroupBy(v => v.Language, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Index, StringComparer.Ordinal);
        foreach (var (keyNode, value) in ((YamlMappingNode)stream.Documents[0].RootNode).Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!;
            if (key == "items" && value is YamlSequenceNode sequence)
            {
                for (var i = 0; i < sequence.Children.Count; i++)
                    foreach (var (itemKey, itemValue) in ((YamlMappingNode)sequence.Children[i]).Children)
                        Add(fields, ((YamlScalarNode)itemKey).Value!, itemKey, itemValue, i, variantIndex);
                continue;
            }
            Add(fields, key, keyNode, value, -1, variantIndex);
        }
        return fields;
    }

    private static void Add(List<FormField> fields, string key, YamlNode keyNode, YamlNode value, int item, Dictionary<string, int> variants)
    {
        var (property, label) = Describe(key, item);
        var line = (int)keyNode.Start.Line;
        if (key == "languages" && value is YamlSequenceNode languages)
        {
            fields.Add(new FormField(line, "Form.Variants", "Languages", key, item));
            return;
        }
        if (value is not YamlMappingNode mapping || property is null)
        {
            fields.Add(new FormField(line, Name(property ?? key, item, null, 0), label, key, item));
            return;
        }
        foreach (var (languageNode, _) in mapping.Children)
        {
            var language = ((YamlScalarNode)languageNode).Value ?? "";
            var variant = language == LocalText.Fallback ? (int?)null : variants.GetValueOrDefault(language, -1);
            fields.Add(new FormField((int)languageNode.Start.Line, Name(property, item, variant, item), variant is null ? label : $"{label} ({language})", key, item));
        }
    }

    // The English property and the variant's list for each key of the YAML.
    private static (string? Property, string Label) Describe(string key, int item)
    {
        var prefix = item < 0 ? "" : $"News item {item + 1}, ";
        return key switch
        {
            "subject" => ("Subject", "Subject"),
            "preheader" => ("Preheader", "Preheader"),
            "intro" => ("Intro", "Introduction"),
            "title" => ("Title", prefix + "title"),
            "summary" => ("Summary", prefix + "summary"),
            "image_alt" => ("ImageAlt", prefix + "image description"),
            "publication" => (null, "Publication"),
            "number" => (null, "Number"),
            "date" => (null, item < 0 ? "Issue date" : prefix + "date"),
            "tags" => (null, prefix + "tags"),
            "link" => (null, prefix + "read-more link"),
            "image" => (null, prefix + "image"),
            _ => (null, prefix + key),
        };
    }

    private static string Name(string property, int item, int? variant, int index)
    {
        var english = char.ToUpperInvariant(property[0]) + property[1..];
        if (variant is null) return item < 0 ? $"Form.{english}" : $"Form.Items[{item}].{english}";
        if (variant < 0) return "Form.Variants";
        var list = english switch { "Title" => "Titles", "Summary" => "Summaries", "ImageAlt" => "ImageAlts", _ => english };
        return item < 0 ? $"Form.Variants[{variant}].{list}" : $"Form.Variants[{variant}].{list}[{index}]";
    }
}
