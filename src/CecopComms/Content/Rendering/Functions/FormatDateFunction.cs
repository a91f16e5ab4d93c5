using System.Globalization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CecopComms.Content.Rendering.Functions;

/// <summary>
/// <c>{{ format_date item.date }}</c>: "16 May 2023", "16 mai 2023", "23 czerwca 2021". .NET writes the month in the
/// genitive where a language needs it after a day; Scriban's <c>%B</c> gives the nominative ("czerwiec").
/// </summary>
public sealed class FormatDateFunction(CompileState state) : TemplateFunction(1, 1)
{
    private const string Pattern = "d MMMM yyyy";

    protected override object Call(TemplateContext context, ScriptNode caller, ScriptArray arguments) => arguments[0] switch
    {
        DateTime date => date.ToString(Pattern, state.Culture),
        DateOnly date => date.ToString(Pattern, state.Culture),
        DateTimeOffset time => time.ToString(Pattern, state.Culture),
        string text when DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed.ToString(Pattern, state.Culture),
        var other => other?.ToString() ?? "",
    };
}
