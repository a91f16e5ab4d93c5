using System.Collections.Concurrent;
using CecopComms.Content.Validation;

namespace CecopComms.Content.Rendering;

/// <summary>
/// A mailing checked and compiled once: each written language is compiled up front, so every problem shows before
/// anything is sent. A reader gets the variant of their language, else of its primary language, else English, with
/// that variant's words and dates. Render only fills holes: it is pure, thread-safe and allocates little more than its output.
/// </summary>
public sealed class CompiledMailing : ICompiledMailing
{
    private const int CachedLanguages = 64;

    private readonly MailingDefinition _definition;
    private readonly IReadOnlyDictionary<string, CompiledDocument> _written;
    // The variant of each reader language met so far, so most readers cost one lookup.
    private readonly ConcurrentDictionary<string, CompiledDocument> _documents = new(StringComparer.OrdinalIgnoreCase);

    private CompiledMailing(MailingDefinition definition, IReadOnlyDictionary<string, CompiledDocument> written, Diagnostics diagnostics)
    {
        _definition = definition;
        _written = written;
        foreach (var (language, document) in written) _documents[language] = document;
        Links = written.Values.SelectMany(d => d.Html.Holes.Concat(d.Text.Holes)).Where(s => s.Kind == SlotKind.Link)
            .Select(s => s.Argument).ToHashSet(StringComparer.Ordinal);
        Diagnostics = diagnostics;
    }

    public MailingSource Source => _definition.Source;
    public string Title => _definition.Title;
    public string PublicationSlug => _definition.PublicationSlug;
    public string PublicationName => _definition.PublicationName;
    public string AudienceReference => _definition.AudienceReference;
    public SenderIdentity Sender => _definition.Sender;
    public IReadOnlySet<string> Links { get; }

    /// <summary>The languages written (English first).</summary>
    public IReadOnlyList<string> Languages => _definition.Languages;

    /// <summary>What the compile found that does not stop it (missing language variants).</summary>
    public Diagnostics Diagnostics { get; }

    /// <summary>Checks the templates and compiles every written language.</summary>
    /// <exception cref="ContentValidationException">Something is not valid; the message lists each problem at file:line:column.</exception>
    public static CompiledMailing Compile(MailingDefinition definition, TemplateEngine engine, Diagnostics diagnostics)
    {
        engine.Check(TemplateSet.Layout, "html", TemplateScope.Mailing, diagnostics);
        engine.Check(definition.Template, "html", TemplateScope.Mailing, diagnostics);
        engine.Check(definition.Template, "txt", TemplateScope.Mailing, diagnostics);
        foreach (var variant in definition.Subject.Variants.Values)
            if (diagnostics.Sources.Any(s => s.Name == variant.File)
                && TemplateSyntax.Parse(new SourceText(variant.File, variant.Value), diagnostics, variant.Line, variant.Column) is { } subject)
                engine.Check(subject, new SourceText(variant.File, variant.Value), TemplateScope.Mailing, diagnostics);
        diagnostics.ThrowIfErrors(definition.Title);

        var compiler = new DocumentCompiler(engine);
        var written = new Dictionary<string, CompiledDocument>(StringComparer.OrdinalIgnoreCase);
        foreach (var language in definition.Languages)
            if (compiler.Compile(definition, language, diagnostics) is { } document) written[language] = document;
        diagnostics.ThrowIfErrors(definition.Title);
        foreach (var language in definition.Languages.Where(l => !Localization.ReaderWords.HasWordsFor(l)))
            diagnostics.Warning(definition.Source.ToString(), 1, 1,
                $"the {language} variant will have English words around it (greeting, tags, footer, dates): CecopComms has no {language} words yet (docs/languages.md)");
        return new CompiledMailing(definition, written, diagnostics);
    }

    public RenderedMail Render(RecipientData recipient, RecipientLinks links)
    {
        var reader = string.IsNullOrWhiteSpace(recipient.Language) ? Sources.LocalText.Fallback : recipient.Language;
        if (_documents.TryGetValue(reader, out var compiled)) return compiled.Render(recipient, links);
        var document = _written[LanguageChoice.Variant(_definition.Languages, reader)];
        // A made-up tag in the data must not grow the table without end.
        if (_documents.Count < CachedLanguages) _documents.TryAdd(reader, document);
        return document.Render(recipient, links);
    }
}
