using System.Globalization;
using AngleSharp.Html.Parser;
using CecopComms.Content.Rendering;
using CecopComms.Content.Validation;
using Scriban.Runtime;

namespace CecopComms.Tests.ContentTests;

/// <summary>
/// The templates' safety by construction: HTML templates escape every value unless the host made it TrustedHtml, and
/// a template (which staff may edit) reaches only Scriban data and safe functions, within loop, recursion, string,
/// regular expression and time limits, failing with a sentence that names it.
/// </summary>
public sealed class TemplateSandboxTests : IDisposable
{
    private const string Hostile = "<script>alert(\"x\")</script> & 'y' <img src=x onerror=alert(1)>";
    private const string Escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &lt;img src=x onerror=alert(1)&gt;";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cecop-sandbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Every_value_is_escaped_in_text_in_both_attribute_quotes_in_loops_and_in_partials()
    {
        var html = Render("""<p title="{{ v }}" data-x='{{ v }}'>{{ v }}</p>{{ for x in list }}<i class="{{ x }}">{{ x }}</i>{{ end }}{{ include "p" }}""",
            partials: new() { ["p"] = "<b data-y='{{ v }}'>{{ v }}{{ for x in list }}{{ x }}{{ end }}</b>" });

        Assert.Equal(
            $"""<p title="{Escaped}" data-x='{Escaped}'>{Escaped}</p><i class="{Escaped}">{Escaped}</i><b data-y='{Escaped}'>{Escaped}{Escaped}</b>""", html);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script, img"));
        Assert.Equal(Hostile, document.QuerySelector("p")!.GetAttribute("title"));
        Assert.Equal(Hostile, document.QuerySelector("p")!.GetAttribute("data-x"));
        Assert.Equal(Hostile, document.QuerySelector("b")!.GetAttribute("data-y"));
    }

    [Fact]
    public void Only_TrustedHtml_passes_as_HTML_and_a_partial_is_not_escaped_twice()
    {
        var html = Render("""{{ trusted }}|{{ v }}|{{ include "p" }}""", partials: new() { ["p"] = "<b>{{ v }}</b>" },
            values: new() { ["trusted"] = new TrustedHtml("<em>made by the host</em>"), ["v"] = "<em>typed by someone</em>" });

        Assert.Equal("<em>made by the host</em>|&lt;em&gt;typed by someone&lt;/em&gt;|<b>&lt;em&gt;typed by someone&lt;/em&gt;</b>", html);
    }

    [Fact]
    public void Text_templates_print_values_as_they_are()
    {
        Assert.Equal(Hostile, Render("{{ v }}", html: false));
    }

    [Theory]
    [InlineData("{{ raw v }}", "unknown variable 'raw'")]
    [InlineData("{{ object.eval \"1 + 1\" }}", "unknown function 'object.eval'")]
    [InlineData("{{ object.eval_template \"{{ v }}\" }}", "unknown function 'object.eval_template'")]
    [InlineData("{{ date.now }}", "unknown function 'date.now'")]
    [InlineData("{{ date.utc_now }}", "unknown function 'date.utc_now'")]
    [InlineData("{{ math.random 1 9 }}", "unknown function 'math.random'")]
    [InlineData("{{ v = \"changed\" }}", "'v' is a value of the mailing or a function; give your variable another name")]
    [InlineData("{{ list[0] = \"changed\" }}", "a template cannot change 'list[0]'")]
    [InlineData("{{ list | array.join }}", "'array.join' takes 2 to 3 arguments, not 1")]
    [InlineData("{{ include \"p\" }}", "unknown partial 'p'")]
    [InlineData("{{ for x in v }}{{ end }}", "'v' is not a list")]
    public void The_checker_refuses_what_the_sandbox_does_not_offer(string template, string message)
    {
        var diagnostics = Check(template);

        Assert.Contains(diagnostics.Items, d => d.Severity == Severity.Error && d.File == "templates/t.html.sbn" && d.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{{ recipient.name }}, {{ \"Dear \" + recipient.organisation }}", null)]
    [InlineData("{{ recipient.name == \"Ana\" }}", "reader data can be printed but not tested ('recipient.name')")]
    [InlineData("{{ recipient.country ? \"a\" : \"b\" }}", "reader data can be printed but not tested ('recipient.country')")]
    [InlineData("{{ recipient.name | string.upcase }}", "reader data can only be printed as it is ('recipient.name')")]
    [InlineData("{{ string.size recipient.email }}", "reader data can only be printed as it is ('recipient.email')")]
    public void Reader_data_is_printed_as_it_is_never_tested_or_transformed(string template, string? message)
    {
        var diagnostics = Check(template, TemplateScope.Mailing);

        if (message is null) Assert.Empty(diagnostics.Items);
        else Assert.Contains(diagnostics.Items, d => d.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Functions_removed_from_the_sandbox_are_absent_at_render_time_too()
    {
        foreach (var template in new[] { "{{ object.eval \"1 + 1\" }}", "{{ object.eval_template \"{{ 1 + 1 }}\" }}", "{{ include_join [\"a\"] \"\" }}" })
        {
            var (html, diagnostics) = TryRender(template);

            Assert.Null(html);
            Assert.Contains(diagnostics.Items, d => d.File == "templates/t.html.sbn" && d.Line == 1);
        }
        // Without the clock, a render never depends on the day it runs.
        Assert.Equal("", Render("{{ date.now }}{{ date.utc_now }}"));
    }

    [Theory]
    [InlineData("{{ while true }}x{{ end }}", "templates/t.html.sbn:1:4: error: a loop went round more than 1,000 times and was stopped")]
    [InlineData("{{ for i in 1..5000 }}{{ end }}", "templates/t.html.sbn:1:14: error: a loop went round more than 1,000 times and was stopped")]
    [InlineData("{{ func f }}{{ f }}{{ end }}{{ f }}", "error: functions or includes called one another more than 100 deep and were stopped")]
    [InlineData("{{ \"a\" | string.pad_left 5000000 }}", "templates/t.html.sbn:1:26: error: the text grew past 1,048,576 characters and was stopped")]
    [InlineData("{{ \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\" | regex.match \"^(a+)+$\" }}", "error: a regular expression took longer than 100 ms and was stopped")]
    public void A_runaway_template_fails_with_a_sentence_that_names_it(string template, string message)
    {
        var (html, diagnostics) = TryRender(template);

        Assert.Null(html);
        Assert.Contains(diagnostics.Items, d => d.Headline.Contains(message, StringComparison.Ordinal) && d.File.StartsWith("templates/t.html.sbn", StringComparison.Ordinal));
    }

    [Fact]
    public void Wrong_argument_counts_that_reach_a_render_read_in_our_words()
    {
        var (html, diagnostics) = TryRender("{{ func greet(name) }}{{ ret name }}{{ end }}{{ greet \"a\" \"b\" }}");

        Assert.Null(html);
        Assert.Equal("templates/t.html.sbn:1:59: error: 'greet' takes 1 argument, not 2", Assert.Single(diagnostics.Items).Headline);
    }

    [Fact]
    public void The_shared_functions_cannot_be_changed_by_a_template()
    {
        var (html, diagnostics) = TryRender("{{ date.format = \"%Y\" }}");

        Assert.Null(html);
        Assert.Single(diagnostics.Items);
        Assert.Equal("%d %b %Y", Render("{{ date.format }}", html: false));
        Assert.Contains(Check("{{ date.format = \"%Y\" }}").Items, d => d.Message.StartsWith("a template cannot change 'date.format'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_partial_that_includes_itself_is_stopped()
    {
        var (html, diagnostics) = TryRender("{{ include \"p\" }}", partials: new() { ["p"] = "x{{ include \"p\" }}" });

        Assert.Null(html);
        Assert.Contains(diagnostics.Items, d => d.File == "templates/partials/p.html.sbn" && d.Message.Contains("more than 100 deep", StringComparison.Ordinal));
    }

    [Fact]
    public void A_render_past_its_deadline_is_stopped_and_named()
    {
        var (html, diagnostics) = TryRender("{{ for i in 1..10 }}{{ i }}{{ end }}", deadline: TimeSpan.Zero);

        Assert.Null(html);
        Assert.Equal("templates/t.html.sbn:1:1: error: the template took longer than 0 seconds and was stopped: a loop or a function that does not end?",
            Assert.Single(diagnostics.Items).Headline);
    }

    [Fact]
    public void Dates_are_written_in_the_readers_language_with_the_genitive_month()
    {
        var values = new Dictionary<string, object?> { ["day"] = new DateOnly(2021, 6, 23) };

        Assert.Equal("23 czerwca 2021", Render("{{ format_date day }}", html: false, values: values, culture: "pl"));
        Assert.Equal("23 juin 2021", Render("{{ format_date day }}", html: false, values: values, culture: "fr"));
    }

    [Fact]
    public void Empty_text_and_zero_are_true_in_a_condition_so_templates_compare_them()
    {
        var values = new Dictionary<string, object?> { ["text"] = "", ["zero"] = 0, ["none"] = null, ["list"] = new List<object>() };

        Assert.Equal("text zero list", Render("{{ if text }}text{{ end }} {{ if zero }}zero{{ end }} {{ if none }}none{{ end }}{{ if list }}list{{ end }}{{ if list.size > 0 }}!{{ end }}",
            html: false, values: values));
    }

    [Fact]
    public void A_model_holds_copies_in_Scriban_data_never_the_objects_given()
    {
        var given = new { name = "Ana", when = new DateOnly(2026, 3, 2), nested = new Uri("https://cecop.coop/") };

        var model = ScriptModel.FromProperties(given);

        Assert.Equal("Ana", model["name"]);
        Assert.Equal(new DateTime(2026, 3, 2), model["when"]);
        Assert.Equal("https://cecop.coop/", model["nested"]);
        Assert.All(model.Values, v => Assert.True(v is string or DateTime or ScriptObject or ScriptArray));
    }

    private string Render(string template, bool html = true, Dictionary<string, string>? partials = null, Dictionary<string, object?>? values = null, string culture = "en")
    {
        var (output, diagnostics) = TryRender(template, html, partials, values, culture);
        Assert.False(diagnostics.HasErrors, diagnostics.Format());
        return output!;
    }

    private (string? Output, Diagnostics Diagnostics) TryRender(string template, bool html = true, Dictionary<string, string>? partials = null,
        Dictionary<string, object?>? values = null, string culture = "en", TimeSpan? deadline = null)
    {
        var kind = html ? "html" : "txt";
        var (set, diagnostics) = Load(template, kind, partials);
        var engine = new TemplateEngine(set) { Deadline = deadline ?? TemplateSandbox.Deadline };
        var state = new CompileState(new SlotTable(), CultureInfo.GetCultureInfo(culture), culture);
        var output = engine.Render(set.Parsed("t", kind)!, ScriptModel.From(values ?? Values()), state, html, diagnostics, $"templates/t.{kind}.sbn");
        return (output, diagnostics);
    }

    private Diagnostics Check(string template, TemplateScope? scope = null)
    {
        var (set, diagnostics) = Load(template, "html", null);
        new TemplateEngine(set).Check("t", "html", scope ?? TemplateScope.Of(Values().Keys), diagnostics);
        return diagnostics;
    }

    private static Dictionary<string, object?> Values() => new() { ["v"] = Hostile, ["list"] = new List<object> { Hostile } };

    private (TemplateSet Set, Diagnostics Diagnostics) Load(string template, string kind, Dictionary<string, string>? partials)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "partials"));
        File.WriteAllText(Path.Combine(_folder, "layout.html.sbn"), "{{ content }}");
        File.WriteAllText(Path.Combine(_folder, $"t.{kind}.sbn"), template);
        foreach (var (name, text) in partials ?? []) File.WriteAllText(Path.Combine(_folder, "partials", $"{name}.{kind}.sbn"), text);
        var diagnostics = new Diagnostics();
        var set = TemplateSet.Load(_folder, "templates", diagnostics);
        Assert.False(diagnostics.HasErrors, diagnostics.Format());
        return (set, diagnostics);
    }
}
