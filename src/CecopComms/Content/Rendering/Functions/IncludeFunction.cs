using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CecopComms.Content.Rendering.Functions;

/// <summary>
/// <c>{{ include "news-item" }}</c>: a partial of the templates folder, rendered in the caller's context (it sees the
/// caller's loop variables). Its output was escaped as it was written, so an HTML partial comes back as
/// <see cref="TrustedHtml"/> and is not escaped twice.
/// </summary>
public sealed class IncludeFunction(IReadOnlyDictionary<string, Template> partials, bool html) : TemplateFunction(1, 1)
{
    protected override object Call(TemplateContext context, ScriptNode caller, ScriptArray arguments)
    {
        var name = Text(arguments, 0);
        if (!partials.TryGetValue(name, out var partial))
            throw new ScriptRuntimeException(caller.Span, $"unknown partial '{name}'; partials: {string.Join(", ", partials.Keys.Order(StringComparer.Ordinal))}");
        context.EnterRecursive(caller);
        try
        {
            var output = context.RenderTemplate(partial, arguments, caller);
            return html ? new TrustedHtml(output) : output;
        }
        finally
        {
            context.ExitRecursive(caller);
        }
    }
}
