using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CecopComms.Content.Sources;
using CecopComms.Content.Validation;

namespace CecopComms.Content.Rendering;

/// <summary>
/// Compiles one language of a mailing: renders the publication's template inside the layout with slot markers for
/// everything personal, inlines the CSS, routes every https link through a link slot, checks links and alt text,
/// derives the text version when there is no text template, and cuts the results into fixed text and holes.
/// </summary>
public sealed class DocumentCompiler(TemplateEngine engine)
{
    private static readonly HtmlParser Parser = new();

    public CompiledDocument? Compile(MailingDefinition mailing, string reader, Diagnostics diagnostics)
    {
        var templates = engine.Templates;
        // The whole message is in one language: a reader whose language has no variant gets English words and English
        // dates with the English text, never a mix.
        var language = LanguageChoice.Variant(mailing.Languages, reader);
        var slots = new SlotTable();
        // A variant in a language without words of its own (nl) has English words, so its dates are English too.
        var state = new CompileState(slots, Localization.ReaderWords.Culture(Localization.ReaderWords.WordsLanguage(language)), language);
        var model = ScriptModel.From(mailing.Model(language, slots, diagnostics));

        var inner = templates.Parsed(mailing.Template, "html");
        if (templates.Template(mailing.Template, "html") is null)
        {
            diagnostics.Error($"{templates.Folder}/{mailing.Template}.html{TemplateSet.Extension}", 1, 1,
                $"there is no template '{mailing.Template}.html{TemplateSet.Extension}' in {templates.Folder}");
            return null;
        }
        var layout = templates.Parsed(TemplateSet.Layout, "html");
        var subjectVariant = mailing.Subject.Get(language);
        var subjectSource = new SourceText(subjectVariant?.File ?? mailing.Source.ToString(), subjectVariant?.Value ?? mailing.Title);
        var subject = TemplateSyntax.Parse(subjectSource, diagnostics, subjectVariant?.Line ?? 1, subjectVariant?.Column ?? 1);
        var text = templates.Parsed(mailing.Template, "txt");
        if (inner is null || layout is null || subject is null || (templates.Template(mailing.Template, "txt") is not null && text is null)) return null;

        var content = engine.Render(inner, model, state, html: true, diagnostics, templates.Template(mailing.Template, "html")!.Name);
        if (content is null) return null;
        model["content"] = new TrustedHtml(content);
        var layoutHtml = engine.Render(layout, model, state, html: true, diagnostics, templates.Template(TemplateSet.Layout, "html")!.Name);
        var subjectText = engine.Render(subject, model, state, html: false, diagnostics, subjectSource.Name);
        if (layoutHtml is null || subjectText is null) return null;
        var document = Parser.ParseDocument(layoutHtml);
        foreach (var selector in CssInliner.Inline(document))
            diagnostics.Error(templates.Template(TemplateSet.Layout, "html")!.Name, 1, 1, $"the CSS selector '{selector}' is not understood");
        CheckLinksAndImages(document, slots, diagnostics, mailing);
        var html = document.ToHtml();
        // The open pixel has no place in the text version.
        foreach (var pixel in document.Body!.Descendants<IText>().Where(t => slots.Only(t.Data.Trim()) is { Kind: SlotKind.OpenPixel }).ToList()) pixel.Remove();
        var plain = text is null ? HtmlToText.Convert(document) : engine.Render(text, model, state, html: false, diagnostics, templates.Template(mailing.Template, "txt")!.Name);
        if (plain is null) return null;
        return new CompiledDocument(language,
            CompiledText.Split(subjectText, slots, OutputKind.Subject),
            CompiledText.Split(html, slots, OutputKind.Html),
            CompiledText.Split(plain, slots, OutputKind.Text));
    }

    // A safety net behind the template and Markdown checks: it reports only what those did not already.
    private static void CheckLinksAndImages(IHtmlDocument document, SlotTable slots, Diagnostics diagnostics, MailingDefinition mailing)
    {
        var quiet = diagnostics.HasErrors;
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            var href = anchor.GetAttribute("href")!.Trim();
            if (slots.Only(href) is not null) continue;
            if (HttpsLink.IsValid(href)) anchor.SetAttribute("href", slots.Marker(new Slot(SlotKind.Link, href)));
            else if (!quiet) Report(diagnostics, mailing, href, $"'{href}' is not an absolute https link (https://...)");
        }
        foreach (var image in document.QuerySelectorAll("img"))
        {
            var source = image.GetAttribute("src") ?? "";
            if (quiet) continue;
            if (string.IsNullOrWhiteSpace(image.GetAttribute("alt"))) Report(diagnostics, mailing, source, $"the image {source} has no alt text");
            if (!HttpsLink.IsValid(source)) Report(diagnostics, mailing, source, $"the image '{source}' is not an absolute https link");
        }
    }

    // The rendered HTML has no source positions: point at the first place the value was written, else at the mailing.
    private static void Report(Diagnostics diagnostics, MailingDefinition mailing, string value, string message)
    {
        foreach (var source in diagnostics.Sources)
        {
            var at = value.Length == 0 ? -1 : source.Text.IndexOf(value, StringComparison.Ordinal);
            if (at < 0) continue;
            var line = source.Text.AsSpan(0, at).Count('\n') + 1;
            var column = at - (source.Text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1) + 1;
            diagnostics.Error(source.Name, line, column, message);
            return;
        }
        diagnostics.Error(mailing.Source.ToString(), 1, 1, message);
    }
}
