using CecopComms.Content.Validation;
using Scriban;
using Scriban.Functions;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CecopComms.Content.Rendering;

/// <summary>
/// What a template may do while it renders (at compile time only): Scriban's built-in functions without
/// <c>object.eval</c>, <c>object.eval_template</c>, Scriban's own <c>include</c>, the clock and randomness; only
/// ScriptObject data; loops, recursion, strings and output held to limits; regular expressions to 100 ms; unknown
/// variables are errors. A template that runs away fails with a message that names it, and nothing else stops.
/// </summary>
public static class TemplateSandbox
{
    public const int LoopLimit = 1000;
    public const int RecursiveLimit = 100;
    public const int StringLimit = 1_048_576;
    public const int OutputLimit = 4 * StringLimit;
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one render may take; a compile-time render takes milliseconds.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    // Functions that would run code from a string, read templates Scriban finds itself, or make a render depend on the
    // day or on chance (golden files, previews and sends must agree).
    private static readonly (string Object, string Function)[] Removed =
    [
        ("object", "eval"), ("object", "eval_template"), ("date", "now"), ("date", "utc_now"), ("math", "random"), ("math", "uuid"),
    ];

    private static readonly string[] RemovedGlobals = ["include", "include_join"];

    private static readonly ScriptObject Shared = Build();

    /// <summary>
    /// The built-in functions a template may call: one read-only set shared by every render (no template can change
    /// <c>date.format</c> for the next), made once because Scriban builds hundreds of function objects for it.
    /// </summary>
    public static ScriptObject Builtins() => Shared;

    private static ScriptObject Build()
    {
        var builtins = new BuiltinFunctions();
        foreach (var name in RemovedGlobals) builtins.Remove(name);
        foreach (var (owner, function) in Removed) ((ScriptObject)builtins[owner]!).Remove(function);
        // `date` on its own is a function too, and it returns the clock: keep its functions, not the object.
        var date = new ScriptObject(StringComparer.Ordinal);
        ((ScriptObject)builtins["date"]!).CopyTo(date);
        builtins.SetValue("date", date, readOnly: false);
        foreach (var family in builtins.Values.OfType<ScriptObject>())
            foreach (var member in family.Keys.ToList()) family.SetReadOnly(member, true);
        foreach (var name in builtins.Keys.ToList()) builtins.SetReadOnly(name, true);
        return builtins;
    }

    /// <summary>A context for one render: HTML-escaping when <paramref name="html"/>, plain for text and subjects.</summary>
    public static TemplateContext Create(bool html, CancellationToken deadline)
    {
        var context = html ? new HtmlTemplateContext(Shared) : new TemplateContext(Shared);
        context.StrictVariables = true;
        context.AutoIndent = false;              // keeps <pre> blocks and the text version as written
        context.NewLine = "\n";
        context.LoopLimit = LoopLimit;
        context.RecursiveLimit = RecursiveLimit;
        context.LimitToString = StringLimit;
        context.OnStringLimit = ScriptLimitBehavior.Throw;
        context.OutputLimit = OutputLimit;
        context.OnOutputLimit = ScriptLimitBehavior.Throw;
        context.RegexTimeOut = RegexTimeout;
        context.MemberFilter = _ => false;        // no .NET member is visible, should one ever slip into the data
        context.TemplateLoader = null;
        context.CancellationToken = deadline;
        return context;
    }

    /// <summary>
    /// Renders <paramref name="template"/> in a fresh context with <paramref name="globals"/> (searched last to first, under a
    /// scope of the template's own variables), or returns null after reporting, at the template's line and column, why it stopped.
    /// </summary>
    /// <param name="template">A parsed template without errors.</param>
    /// <param name="html">Escape every value (HTML) or not (text, subjects).</param>
    /// <param name="globals">Functions and values, the model last.</param>
    /// <param name="deadline">How long the render may run, measured on <paramref name="time"/>.</param>
    /// <param name="time">The clock.</param>
    /// <param name="diagnostics">Where a failure goes.</param>
    /// <param name="name">How messages name the template when Scriban gives no place.</param>
    public static string? Render(Template template, bool html, IEnumerable<ScriptObject> globals, TimeSpan deadline, TimeProvider time, Diagnostics diagnostics, string name)
    {
        using var stop = new CancellationTokenSource(deadline, time);
        var context = Create(html, stop.Token);
        foreach (var global in globals) context.PushGlobal(global);
        context.PushGlobal(new ScriptObject(StringComparer.Ordinal));
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            RenderFailure.Report(e, diagnostics, name, deadline);
            return null;
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException e)
        {
            RenderFailure.Report(e, diagnostics, name);
            return null;
        }
    }
}
