using CecopComms.Content.Rendering.Functions;
using Scriban;
using Scriban.Runtime;

namespace CecopComms.Content.Rendering;

/// <summary>The functions of ours that mailing templates may call, bound to one language's compile.</summary>
public static class TemplateFunctions
{
    /// <summary>
    /// <c>t</c>, <c>format_date</c>, <c>link</c>, <c>unsubscribe_url</c>, <c>preferences_url</c>, <c>open_pixel</c>,
    /// <c>recipient_name</c>, <c>attr</c> and <c>include</c> (partials of the same kind, html or txt).
    /// </summary>
    public static ScriptObject For(CompileState state, IReadOnlyDictionary<string, Template> partials, bool html)
    {
        var functions = new ScriptObject(StringComparer.Ordinal)
        {
            ["t"] = new WordFunction(state),
            ["format_date"] = new FormatDateFunction(state),
            ["link"] = new SlotFunction(state, SlotKind.Link, 1),
            ["unsubscribe_url"] = new SlotFunction(state, SlotKind.UnsubscribeUrl, 0),
            ["preferences_url"] = new SlotFunction(state, SlotKind.PreferencesUrl, 0),
            ["open_pixel"] = new SlotFunction(state, SlotKind.OpenPixel, 0),
            ["recipient_name"] = new RecipientNameFunction(state),
            ["attr"] = new SlotFunction(state, SlotKind.Recipient, 1, "attr:"),
            ["include"] = new IncludeFunction(partials, html),
        };
        return functions;
    }

    /// <summary><c>t</c> and <c>format_date</c> alone, in one language: what a transactional mail's templates may call.</summary>
    public static ScriptObject Words(CompileState state) => new(StringComparer.Ordinal)
    {
        ["t"] = new WordFunction(state),
        ["format_date"] = new FormatDateFunction(state),
    };

    /// <summary>Functions whose first argument must be a quoted word: which word or partial is known before rendering.</summary>
    public static readonly IReadOnlySet<string> QuotedFirstArgument = new HashSet<string>(StringComparer.Ordinal) { "t", "attr", "include" };
}
