using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CecopComms.Content.Rendering.Functions;

/// <summary><c>{{ t "read_more" }}</c>: a word of strings.yaml in the reader's language.</summary>
public sealed class WordFunction(CompileState state) : TemplateFunction(1, 1)
{
    protected override object Call(TemplateContext context, ScriptNode caller, ScriptArray arguments) => state.Strings.Get(Text(arguments, 0), state.Language);
}
