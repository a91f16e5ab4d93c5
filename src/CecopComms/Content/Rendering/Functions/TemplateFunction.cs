using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CecopComms.Content.Rendering.Functions;

/// <summary>
/// A function templates may call, with how many arguments it takes. A class rather than a delegate: Scriban calls it
/// without reflection, and the template checker reads its argument counts.
/// </summary>
public abstract class TemplateFunction(int required, int parameters) : IScriptCustomFunction
{
    public int RequiredParameterCount => required;

    public int ParameterCount => parameters;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "value" + index);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        if (arguments.Count < required || arguments.Count > parameters)
            throw new ScriptRuntimeException(callerContext?.Span ?? default, $"takes {Counts(required, parameters)} argument(s), not {arguments.Count}");
        return Call(context, callerContext ?? throw new ArgumentNullException(nameof(callerContext)), arguments);
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

    protected abstract object Call(TemplateContext context, ScriptNode caller, ScriptArray arguments);

    protected static string Text(ScriptArray arguments, int index) => index < arguments.Count ? arguments[index]?.ToString() ?? "" : "";

    internal static string Counts(int required, int parameters) =>
        required == parameters ? required.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{required} to {parameters}";
}
