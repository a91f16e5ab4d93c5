using System.Collections.Concurrent;
using CecopComms.Content.Validation;

namespace CecopComms.Content.Rendering;

/// <summary>
/// A mailing checked and compiled once: each written language is compiled up front (so every problem shows before
/// anything is sent); a reader whose language only changes dates and template words gets it compiled on first use
/// and cached. Render only fills holes: it is pure, thread-safe and allocates little more than its output.
/// </summary>
public sealed class CompiledMailing : ICompiledMailing
{
    private const int CachedLanguages = 64;

    private readonly MailingDefinition _definition;
    private readonly DocumentCompiler _compiler;
    private readonly ConcurrentDictionary<string, Lazy<CompiledDocument>> _documents = new(StringComparer.OrdinalIgnoreCase);

    private CompiledMailing(MailingDefinition definition, DocumentCompiler compiler, IReadOnlyDictionary<string, CompiledDocument> written, Diagnostics diagnostics)
    {
        _definition = definition;
        _compiler = compiler;
        foreach (var (language, document) in written) _documents[language] = new Lazy<CompiledDocument>(document);
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
        return new CompiledMailing(definition, compiler, written, diagnostics);
    }

    public RenderedMail Render(RecipientData recipient, RecipientLinks links)
    {
        var reader = string.IsNullOrWhiteSpace(recipient.Language) ? Sources.LocalText.Fallback : recipient.Language;
        // One lookup for a language already compiled, the usual case: no delegate is made per reader.
        if (_documents.TryGetValue(reader, out var compiled)) return compiled.Value.Render(recipient, links);
        if (_documents.Count >= CachedLanguages) reader = LanguageChoice.Variant(_definition.Languages, reader);
        return _documents.GetOrAdd(reader, key => new Lazy<CompiledDocument>(() => CompileLate(key))).Value.Render(recipient, links);
    }

    private CompiledDocument CompileLate(string reader)
    {
        var diagnostics = new Diagnostics();
        var document = _compiler.Compile(_definition, reader, diagnostics);
        if (document is null || diagnostics.HasErrors)
            throw new InvalidOperationException($"{Title} compiled for its written languages but not for '{reader}':\n{diagnostics.Format(errorsOnly: true)}");
        return document;
    }
}
