using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CecopComms.Content.Rendering.Functions;

/// <summary>
/// A per-reader value, printed as a slot marker and filled for each reader after the compile: <c>link url</c>,
/// <c>unsubscribe_url</c>, <c>preferences_url</c>, <c>open_pixel</c>, <c>attr "sector"</c>.
/// </summary>
public sealed class SlotFunction(CompileState state, SlotKind kind, int arguments, string prefix = "") : TemplateFunction(arguments, arguments)
{
    protected override object Call(TemplateContext context, ScriptNode caller, ScriptArray arguments) =>
        state.Slots.Marker(new Slot(kind, arguments.Count > 0 ? prefix + Text(arguments, 0) : ""));
}
