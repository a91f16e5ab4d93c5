using CecopComms.Content.Sources;
using CecopComms.Content.Validation;

namespace CecopComms.Content.Rendering;

/// <summary>
/// Builds the values a template is rendered with (the fields of <see cref="TemplateScope.Mailing"/>) for one language.
/// Recipient fields are slot markers; author text has any marker characters removed; Markdown fields become HTML.
/// </summary>
public static partial class MailingModel
{
    public static Dictionary<string, object?> Create(string language, string title, string subject, string preheader, SlotTable slots,
        (string Name, string Slug) publication) => new(StringComparer.Ordinal)
    {
        ["lang"] = language,
        ["title"] = SlotTable.Clean(title),
        ["subject"] = SlotTable.Clean(subject),
        ["preheader"] = SlotTable.Clean(preheader),
        ["publication"] = new Dictionary<string, object?> { ["name"] = publication.Name, ["slug"] = publication.Slug },
        ["recipient"] = new Dictionary<string, object?>
        {
            ["name"] = slots.Marker(new Slot(SlotKind.Recipient, "name")),
            ["email"] = slots.Marker(new Slot(SlotKind.Recipient, "email")),
            ["organisation"] = slots.Marker(new Slot(SlotKind.Recipient, "organisation")),
            ["country"] = slots.Marker(new Slot(SlotKind.Recipient, "country")),
        },
        ["items"] = new List<object>(),
    };

    /// <summary>
    /// A Markdown field in <paramref name="language"/> (else English) as HTML, checked: the one kind of author text an
    /// HTML template prints as HTML (Markdig escapes any raw HTML in it).
    /// </summary>
    public static TrustedHtml Markdown(LocalText text, string language, Diagnostics diagnostics, IReadOnlyDictionary<string, SourceText> sources)
    {
        var variant = text.Get(language);
        return new TrustedHtml(variant is null ? "" : SlotTable.Clean(MarkdownField.ToHtml(variant, sources.GetValueOrDefault(variant.File), diagnostics)));
    }

    public static string Plain(LocalText text, string language) => SlotTable.Clean(text.Text(language));

    /// <summary>A Markdown field in <paramref name="language"/> (else English) as plain text, for text templates.</summary>
    public static string MarkdownText(LocalText text, string language) =>
        SlotTable.Clean(SoftBreak().Replace(MarkdownField.ToPlainText(text.Text(language)).Trim(), " "));

    // A line break inside a paragraph is only where the author wrapped the source.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<!\n)\n(?!\n)")]
    private static partial System.Text.RegularExpressions.Regex SoftBreak();
}
