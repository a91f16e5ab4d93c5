using System.Globalization;
using CecopComms.Localization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CecopComms.Content.Rendering.Functions;

/// <summary>
/// <c>{{ format_date item.date }}</c>: "16 May 2023", "16 mai 2023", "23 czerwca 2021", "16 de mayo de 2023", in the
/// message's language with its own pattern (the word date_format). .NET writes the month in the genitive where a
/// language needs it after a day; Scriban's <c>%B</c> gives the nominative ("czerwiec").
/// </summary>
public sealed class FormatDateFunction(CompileState state) : TemplateFunction(1, 1)
{
    protected override object Call(TemplateContext context, ScriptNode caller, ScriptArray arguments)
    {
        var pattern = ReaderWords.Get("date_format", state.Language);
        return arguments[0] switch
        {
            DateTime date => date.ToString(pattern, state.Culture),
            DateOnly date => date.ToString(pattern, state.Culture),
            DateTimeOffset time => time.ToString(pattern, state.Culture),
            string text when DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed.ToString(pattern, state.Culture),
            var other => other?.ToString() ?? "",
        };
    }
}
