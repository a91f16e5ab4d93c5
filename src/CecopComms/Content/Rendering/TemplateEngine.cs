using System.Globalization;
using System.Text.RegularExpressions;
using CecopComms.Content.Validation;
using HandlebarsDotNet;

namespace CecopComms.Content.Rendering;

/// <summary>
/// Handlebars.Net set up for one template set: an HTML environment (escapes {{ }}) and a text environment (does not),
/// the partials of each, and the helpers. Templates are compiled once; rendering runs under a lock because the
/// helpers read the state of the language being compiled. This is compile-time work: recipients never reach it.
/// </summary>
public sealed partial class TemplateEngine
{
    [GeneratedRegex(@"Occured at: (\d+):(\d+)")]
    private static partial Regex Position();

    // Spaces or tabs before a partial call ({{> name}}, {{#> name}}, {{~> name}}) at the start of a line.
    [GeneratedRegex(@"^[ \t]+(?=\{\{~?#?>)", RegexOptions.Multiline)]
    private static partial Regex PartialIndent();

    private readonly TemplateSet _templates;
    private readonly IHandlebars _html;
    private readonly IHandlebars _text;
    private readonly Dictionary<string, HandlebarsTemplate<object, object>> _compiled = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private CompileState? _state;

    public TemplateEngine(TemplateSet templates, Diagnostics diagnostics)
    {
        _templates = templates;
        _html = Create(noEscape: false);
        _text = Create(noEscape: true);
        foreach (var (name, source) in templates.Partials("html")) Register(_html, name, source with { Text = Unindented(source.Text) }, diagnostics);
        foreach (var (name, source) in templates.Partials("txt")) Register(_text, name, source, diagnostics);
    }

    public TemplateSet Templates => _templates;

    /// <summary>Compiles a template once (reporting syntax errors with their place); null when it does not compile.</summary>
    public HandlebarsTemplate<object, object>? Compile(SourceText source, bool html, Diagnostics diagnostics)
    {
        lock (_lock)
        {
            var key = (html ? "h:" : "t:") + source.Name + "\n" + source.Text;
            if (_compiled.TryGetValue(key, out var done)) return done;
            try
            {
                var template = (html ? _html : _text).Compile(html ? Unindented(source.Text) : source.Text);
                _compiled[key] = template;
                return template;
            }
            catch (HandlebarsException e)
            {
                Report(source, e, diagnostics);
                return null;
            }
        }
    }

    /// <summary>Renders <paramref name="template"/> with <paramref name="model"/> while <paramref name="state"/> is the current compile.</summary>
    /// <exception cref="HandlebarsException">The template failed at run time (a missing partial, a helper's misuse).</exception>
    public string Render(HandlebarsTemplate<object, object> template, object model, CompileState state)
    {
        lock (_lock)
        {
            _state = state;
            try { return template(model); }
            finally { _state = null; }
        }
    }

    /// <summary>
    /// The HTML source with the indentation before partial calls removed. Handlebars.Net 2.4.3 renders a partial that
    /// stands indented on its own line through its indenting writer, which skips HTML escaping: every {{value}} of that
    /// partial (and of the partials it calls) would go out raw, so a campaign name or subject could carry live HTML.
    /// Without the indentation the partial goes through the escaping writer; the mail only loses some leading spaces.
    /// </summary>
    internal static string Unindented(string source) => PartialIndent().Replace(source, "");

    private CompileState State => _state ?? throw new InvalidOperationException("A helper ran outside a compile.");

    private static void Report(SourceText source, HandlebarsException e, Diagnostics diagnostics)
    {
        var match = Position().Match(e.Message);
        var (line, column) = match.Success ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)) : (1, 1);
        var message = e.Message.Split('\n')[0].Trim();
        diagnostics.Error(source.Name, line, column, "template syntax: " + message);
    }

    private static void Register(IHandlebars environment, string name, SourceText source, Diagnostics diagnostics)
    {
        try { environment.RegisterTemplate(name, source.Text); }
        catch (HandlebarsException e) { Report(source, e, diagnostics); }
    }

    private IHandlebars Create(bool noEscape)
    {
        var environment = Handlebars.Create(new HandlebarsConfiguration { NoEscape = noEscape });
        environment.RegisterHelper("date", (context, arguments) => FormatDate(arguments[0]));
        environment.RegisterHelper("t", (context, arguments) => State.Strings.Get(arguments[0]?.ToString() ?? "", State.Language));
        environment.RegisterHelper("link", (context, arguments) => Marker(SlotKind.Link, arguments[0]?.ToString() ?? ""));
        environment.RegisterHelper("unsubscribeUrl", (context, arguments) => Marker(SlotKind.UnsubscribeUrl, ""));
        environment.RegisterHelper("preferencesUrl", (context, arguments) => Marker(SlotKind.PreferencesUrl, ""));
        environment.RegisterHelper("openPixel", (context, arguments) => Marker(SlotKind.OpenPixel, ""));
        environment.RegisterHelper("recipientName", (context, arguments) =>
            State.Slots.Marker(new Slot(SlotKind.Recipient, "name", arguments.Length > 0 ? arguments[0]?.ToString() ?? "" : "")));
        environment.RegisterHelper("attr", (context, arguments) => Marker(SlotKind.Recipient, "attr:" + arguments[0]));
        environment.RegisterHelper("join", (context, arguments) =>
            arguments[0] is IEnumerable<object> items ? string.Join(arguments[1]?.ToString() ?? ", ", items) : "");
        return environment;
    }

    private string Marker(SlotKind kind, string argument) => State.Slots.Marker(new Slot(kind, argument));

    private string FormatDate(object? value) => value switch
    {
        DateOnly date => date.ToString("d MMMM yyyy", State.Culture),
        DateTimeOffset time => time.ToString("d MMMM yyyy", State.Culture),
        string text when DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed.ToString("d MMMM yyyy", State.Culture),
        _ => value?.ToString() ?? "",
    };
}
