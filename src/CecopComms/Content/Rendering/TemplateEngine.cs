using CecopComms.Content.Validation;
using Scriban;
using Scriban.Runtime;

namespace CecopComms.Content.Rendering;

/// <summary>
/// Scriban for one template set, at compile time only: checks templates before they render, and renders them in the
/// sandbox (<see cref="TemplateSandbox"/>) through the escaping context for HTML and a plain one for text and subjects,
/// with our functions bound to the language being compiled. Each render has its own context, so renders may run at
/// once on several threads. Readers never reach it: their values are filled into the compiled result afterwards.
/// </summary>
public sealed class TemplateEngine(TemplateSet templates, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public TemplateSet Templates => templates;

    /// <summary>How long one render may run before it is stopped (<see cref="TemplateSandbox.Deadline"/> unless a test says otherwise).</summary>
    public TimeSpan Deadline { get; init; } = TemplateSandbox.Deadline;

    /// <summary>Checks a mailing template (and the partials it includes) against the mailing's values.</summary>
    public void Check(string name, string extension, TemplateScope scope, Diagnostics diagnostics)
    {
        if (templates.Parsed(name, extension) is { } template)
            Checker(extension, diagnostics).Check(template, templates.Template(name, extension)!, scope);
    }

    /// <summary>Checks a template written elsewhere (a subject in an edition file) as a text template.</summary>
    public void Check(Template template, SourceText source, TemplateScope scope, Diagnostics diagnostics) =>
        Checker("txt", diagnostics).Check(template, source, scope);

    /// <summary>
    /// Renders <paramref name="template"/> with <paramref name="model"/> while <paramref name="state"/> is the compile,
    /// or returns null after reporting, at the template's line and column, why it stopped.
    /// </summary>
    public string? Render(Template template, ScriptObject model, CompileState state, bool html, Diagnostics diagnostics, string name) =>
        TemplateSandbox.Render(template, html, [TemplateFunctions.For(state, Partials(html ? "html" : "txt"), html), model], Deadline, _time, diagnostics, name);

    private Dictionary<string, Template> Partials(string extension) =>
        templates.Partials(extension).ToDictionary(p => p.Key, p => p.Value.Template, StringComparer.Ordinal);

    private TemplateChecker Checker(string extension, Diagnostics diagnostics)
    {
        var state = new CompileState(new SlotTable(), Localization.ReaderWords.Culture(Localization.ReaderWords.English), Localization.ReaderWords.English);
        return new TemplateChecker(templates.Partials(extension),
            [TemplateSandbox.Builtins(), TemplateFunctions.For(state, new Dictionary<string, Template>(), extension == "html")],
            extension == "html", diagnostics);
    }
}
