using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CecopComms.Content.Rendering.Functions;

/// <summary><c>{{ recipient_name (t "reader") }}</c>: the reader's name, else the fallback.</summary>
public sealed class RecipientNameFunction(CompileState state) : TemplateFunction(0, 1)
{
    protected override object Call(TemplateContext context, ScriptNode caller, ScriptArray arguments) =>
        state.Slots.Marker(new Slot(SlotKind.Recipient, "name", Text(arguments, 0)));
}
