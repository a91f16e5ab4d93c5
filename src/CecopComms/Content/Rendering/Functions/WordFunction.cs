using CecopComms.Localization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CecopComms.Content.Rendering.Functions;

/// <summary>
/// <c>{{ t "read_more" }}</c>: one of the reader's words (Localization/ReaderText.resx) in the message's language;
/// <c>{{ t "mail.confirm.asked" list_name }}</c> fills the word's {0}, {1}… with the values after the key.
/// </summary>
public sealed class WordFunction(CompileState state) : TemplateFunction(1, 4)
{
    protected override object Call(TemplateContext context, ScriptNode caller, ScriptArray arguments) =>
        arguments.Count == 1
            ? ReaderWords.Get(Text(arguments, 0), state.Language)
            : ReaderWords.Format(Text(arguments, 0), state.Language, arguments.Skip(1).ToArray());
}
