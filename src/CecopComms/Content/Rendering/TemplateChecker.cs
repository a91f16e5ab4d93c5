using System.Text.RegularExpressions;
using CecopComms.Content.Validation;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CecopComms.Content.Rendering;

/// <summary>
/// Reads a parsed template before it renders and reports at file:line:column what Scriban would find late, or only on
/// the branch a render happens to take: unknown variables, members, functions and partials, functions given the
/// wrong number of arguments, words missing from the reader's words (ReaderText.resx), reader data tested in a condition or handed to a
/// function, values of the mailing overwritten, and images without alt text. Partials are read where they are
/// included, with the names known there.
/// </summary>
public sealed partial class TemplateChecker
{
    [GeneratedRegex(@"<img\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ImageTag();

    [GeneratedRegex(@"\balt\s*=\s*(""[^""]+""|'[^']+'|[^\s>""']+)", RegexOptions.IgnoreCase)]
    private static partial Regex AltAttribute();

    private enum Use { Print, Test, Argument, Member, Callee, Value }

    /// <summary>What a name stands for: data of a known shape, a function, or a family of functions (string., date.).</summary>
    private sealed record Known(TemplateScope? Data = null, IScriptFunctionInfo? Function = null, ScriptObject? Family = null)
    {
        public static Known Of(TemplateScope scope) => new(scope);
        public static readonly Known Anything = new(TemplateScope.Any);
    }

    private readonly IReadOnlyDictionary<string, (Template Template, SourceText Source)> _partials;
    private readonly bool _html;
    private readonly Diagnostics _diagnostics;
    private readonly Dictionary<string, Known> _roots = new(StringComparer.Ordinal);
    private readonly List<Dictionary<string, Known>> _frames = [];
    private readonly Stack<string> _including = new();
    private SourceText _source = new("", "");

    /// <param name="partials">The partials <c>include</c> may name, for this kind of template.</param>
    /// <param name="functions">Our functions (<see cref="TemplateFunctions"/>) and Scriban's built-ins in a template's reach.</param>
    /// <param name="html">An HTML template: images need alt text.</param>
    /// <param name="diagnostics">Where problems go.</param>
    public TemplateChecker(IReadOnlyDictionary<string, (Template Template, SourceText Source)> partials, IEnumerable<ScriptObject> functions,
        bool html, Diagnostics diagnostics)
    {
        _partials = partials;
        _html = html;
        _diagnostics = diagnostics;
        foreach (var set in functions)
            foreach (var (name, value) in set)
                _roots[name] = value switch
                {
                    IScriptFunctionInfo function => new Known(Function: function),
                    ScriptObject family => new Known(Family: family),
                    _ => Known.Of(TemplateScope.Leaf),
                };
    }

    /// <summary>Checks <paramref name="template"/> (written in <paramref name="source"/>) against the values of <paramref name="scope"/>.</summary>
    public void Check(Template template, SourceText source, TemplateScope scope)
    {
        _frames.Clear();
        var model = scope.Fields.ToDictionary(f => f.Key, f => Known.Of(f.Value), StringComparer.Ordinal);
        _frames.Add(model);
        _frames.Add(new Dictionary<string, Known>(StringComparer.Ordinal));   // the template's own variables
        CheckWithin(template, source);
    }

    private void CheckWithin(Template template, SourceText source)
    {
        var outer = _source;
        _source = source;
        if (_html)
            foreach (Match image in ImageTag().Matches(source.Text))
                if (!AltAttribute().IsMatch(image.Value)) ErrorAt(image.Index, "an image needs alt text (alt=\"what it shows\")");
        if (template.Page is { } page) Statement(page);
        _source = outer;
    }

    private void Statement(ScriptNode? node)
    {
        switch (node)
        {
            case null or ScriptRawStatement or ScriptEscapeStatement or ScriptEndStatement or ScriptNopStatement or ScriptBreakStatement or ScriptContinueStatement:
                return;
            case ScriptBlockStatement block:
                foreach (var statement in block.Statements) Statement(statement);
                return;
            case ScriptExpressionStatement expression:
                Expression(expression.Expression, Use.Print);
                return;
            case ScriptForStatement loop:
                var element = Elements(loop.Iterator);
                foreach (var argument in loop.NamedArguments ?? []) Expression(argument, Use.Value);
                var frame = new Dictionary<string, Known>(StringComparer.Ordinal) { [loop is ScriptTableRowStatement ? "tablerow" : "for"] = Known.Of(TemplateScope.Loop) };
                if (loop.Variable is ScriptVariable variable) frame[variable.Name] = element;
                _frames.Add(frame);
                Statement(loop.Body);
                _frames.RemoveAt(_frames.Count - 1);
                Statement(loop.Else);
                return;
            case ScriptWhileStatement loop:
                Expression(loop.Condition, Use.Test);
                _frames.Add(new Dictionary<string, Known>(StringComparer.Ordinal) { ["while"] = Known.Of(TemplateScope.Loop) });
                Statement(loop.Body);
                _frames.RemoveAt(_frames.Count - 1);
                return;
            case ScriptIfStatement condition:
                Expression(condition.Condition, Use.Test);
                Statement(condition.Then);
                Statement(condition.Else);
                return;
            case ScriptElseStatement otherwise:
                Statement(otherwise.Body);
                return;
            case ScriptCaseStatement choice:
                Expression(choice.Value, Use.Test);
                Statement(choice.Body);
                return;
            case ScriptWhenStatement branch:
                foreach (var value in branch.Values) Expression(value, Use.Test);
                Statement(branch.Body);
                Statement(branch.Next);
                return;
            case ScriptWithStatement with:
                var target = Expression(with.Name, Use.Value);
                _frames.Add(target?.Data is { IsAny: false } data
                    ? data.Fields.ToDictionary(f => f.Key, f => Known.Of(f.Value), StringComparer.Ordinal)
                    : new Dictionary<string, Known>(StringComparer.Ordinal));
                Statement(with.Body);
                _frames.RemoveAt(_frames.Count - 1);
                return;
            case ScriptCaptureStatement capture:
                Assign(capture.Target, Known.Anything);
                Statement(capture.Body);
                return;
            case ScriptFunction function:
                Function(function);
                return;
            case ScriptReturnStatement result:
                Expression(result.Expression, Use.Value);
                return;
            default:
                foreach (var child in node.Children)
                    if (child is ScriptExpression expression) Expression(expression, Use.Value);
                    else Statement(child);
                return;
        }
    }

    private void Function(ScriptFunction? function)
    {
        if (function is null) return;
        if (function.NameOrDoToken is ScriptVariable name && !function.IsAnonymous) Assign(name, new Known(Function: function));
        var frame = new Dictionary<string, Known>(StringComparer.Ordinal);
        foreach (var parameter in function.Parameters ?? []) if (parameter.Name is { } parameterName) frame[parameterName.Name] = Known.Anything;
        _frames.Add(frame);
        Statement(function.Body);
        _frames.RemoveAt(_frames.Count - 1);
    }

    // What each element of a list being looped over holds.
    private Known Elements(ScriptExpression? iterator)
    {
        if (iterator is ScriptBinaryExpression { Operator: ScriptBinaryOperator.RangeInclude or ScriptBinaryOperator.RangeExclude } range)
        {
            Expression(range.Left, Use.Value);
            Expression(range.Right, Use.Value);
            return Known.Of(TemplateScope.Leaf);
        }
        var list = Expression(iterator, Use.Value);
        if (list?.Data is null || list.Data.IsAny) return Known.Anything;
        if (list.Data.Element is { } element) return Known.Of(element);
        Error(iterator, $"'{Text(iterator)}' is not a list, so `for` cannot go through it");
        return Known.Anything;
    }

    private Known? Expression(ScriptExpression? expression, Use use)
    {
        switch (expression)
        {
            case null:
                return null;
            case ScriptLiteral:
                return Known.Of(TemplateScope.Leaf);
            case ScriptVariableLocal:
                return Known.Anything;
            case ScriptVariable variable:
                return Variable(variable, use);
            case ScriptIsEmptyExpression empty:
                Expression(empty.Target, Use.Test);
                return Known.Of(TemplateScope.Leaf);
            case ScriptMemberExpression member:
                return Member(member, use);
            case ScriptFunctionCall call:
                return Call(call, call.Target, call.Arguments, 0);
            case ScriptPipeCall pipe:
                Expression(pipe.From, Use.Argument);
                return pipe.To is ScriptFunctionCall next ? Call(next, next.Target, next.Arguments, 1) : Call(pipe.To, pipe.To, [], 1);
            case ScriptNestedExpression nested:
                return Expression(nested.Expression, use);
            case ScriptAssignExpression assign:
                var value = Expression(assign.Value, Use.Value);
                Assign(assign.Target, value?.Data is { } data ? Known.Of(data) : Known.Anything);
                return Known.Anything;
            case ScriptIndexerExpression indexer:
                var target = Expression(indexer.Target, Use.Member);
                Expression(indexer.Index, Use.Value);
                return target?.Data?.Element is { } element ? Known.Of(element) : Known.Anything;
            case ScriptBinaryExpression binary:
                // Joining texts keeps reader data printable; comparing it tests it.
                var side = binary.Operator is ScriptBinaryOperator.Add or ScriptBinaryOperator.EmptyCoalescing or ScriptBinaryOperator.NotEmptyCoalescing
                    ? use is Use.Print or Use.Test ? use : Use.Argument
                    : Use.Test;
                Expression(binary.Left, side);
                Expression(binary.Right, side);
                return Known.Of(TemplateScope.Leaf);
            case ScriptUnaryExpression unary:
                Expression(unary.Right, use == Use.Print ? Use.Test : use);
                return Known.Of(TemplateScope.Leaf);
            case ScriptConditionalExpression conditional:
                Expression(conditional.Condition, Use.Test);
                Expression(conditional.ThenValue, use);
                Expression(conditional.ElseValue, use);
                return Known.Anything;
            case ScriptThisExpression:
                return Known.Anything;
            case ScriptAnonymousFunction anonymous:
                Function(anonymous.Function);
                return Known.Anything;
            default:
                foreach (var child in expression.Children)
                    if (child is ScriptExpression inner) Expression(inner, Use.Value);
                    else Statement(child);
                return Known.Anything;
        }
    }

    private Known? Variable(ScriptVariable variable, Use use)
    {
        var known = Lookup(variable.Name);
        if (known is null)
        {
            var here = Names().Order(StringComparer.Ordinal);
            Error(variable, $"unknown variable '{variable.Name}'; known here: {string.Join(", ", here)}");
            return null;
        }
        return Used(variable, known, use);
    }

    private Known? Member(ScriptMemberExpression member, Use use)
    {
        var target = Expression(member.Target, Use.Member);
        if (target is null) return null;
        var name = member.Member?.Name ?? "";
        if (target.Family is { } family)
        {
            if (family.TryGetValue(name, out var value) && value is IScriptFunctionInfo function) return Used(member, new Known(Function: function), use);
            if (family.ContainsKey(name)) return Known.Of(TemplateScope.Leaf);
            Error(member, $"unknown function '{Text(member)}'; {Text(member.Target)} has: {string.Join(", ", family.Keys.Order(StringComparer.Ordinal))}");
            return null;
        }
        if (target.Data is not { } data) return Known.Anything;
        if (data.Field(name) is { } field) return Used(member, Known.Of(field), use);
        Error(member, data.Fields.Count == 0
            ? $"'{Text(member.Target)}' has no fields, so '{Text(member)}' is unknown"
            : $"unknown variable '{Text(member)}'; known here: {string.Join(", ", data.Fields.Keys.Order(StringComparer.Ordinal))}");
        return null;
    }

    // A name used as a value: a function named without arguments is called with none; reader data may only be printed.
    private Known Used(ScriptExpression? at, Known known, Use use)
    {
        if (known.Function is { } function && use != Use.Callee) Count(at, Text(at), function, 0);
        if (known.Data is { IsRecipient: true } && use is Use.Test)
            Error(at, $"reader data can be printed but not tested ('{Text(at)}'): the mailing is compiled once for every reader");
        else if (known.Data is { IsRecipient: true } && use is Use.Argument && known.Data.Fields.Count == 0)
            Error(at, $"reader data can only be printed as it is ('{Text(at)}'): a function would see a placeholder, not the reader's value");
        return known.Function is not null && use != Use.Callee ? Known.Anything : known;
    }

    private Known? Call(ScriptExpression? call, ScriptExpression? target, IReadOnlyList<ScriptExpression> arguments, int piped)
    {
        var callee = Expression(target, Use.Callee);
        foreach (var argument in arguments) Expression(argument, Use.Argument);
        if (callee is null) return null;
        if (callee.Function is not { } function)
        {
            Error(target, $"'{Text(target)}' is not a function");
            return Known.Anything;
        }
        var name = Text(target);
        if (!Count(call, name, function, arguments.Count + piped)) return Known.Anything;
        if (TemplateFunctions.QuotedFirstArgument.Contains(name) && ReferenceEquals(_roots.GetValueOrDefault(name)?.Function, function))
            Quoted(call, name, piped == 0 && arguments.Count > 0 ? arguments[0] : null);
        return Known.Anything;
    }

    private bool Count(ScriptExpression? at, string name, IScriptFunctionInfo function, int count)
    {
        var (min, max) = (function.RequiredParameterCount, function.VarParamKind == ScriptVarParamKind.None ? function.ParameterCount : int.MaxValue);
        if (function is ScriptFunction { HasParameters: false }) (min, max) = (0, int.MaxValue);
        if (count >= min && count <= max) return true;
        var takes = max == int.MaxValue ? $"at least {min}" : Functions.TemplateFunction.Counts(min, max);
        Error(at, $"'{name}' takes {takes} argument{(takes == "1" ? "" : "s")}, not {count}");
        return false;
    }

    // t, attr and include name their word, attribute or partial in quotes, so the name is known before any render.
    private void Quoted(ScriptExpression? call, string name, ScriptExpression? argument)
    {
        if (argument is not ScriptLiteral { Value: string word })
        {
            Error(call, $"'{name}' takes a quoted name: {{{{ {name} \"...\" }}}}");
            return;
        }
        if (name == "t" && !Localization.ReaderWords.Has(word))
            Error(argument, $"unknown word '{word}': the words are in Localization/ReaderText.resx (see docs/languages.md)");
        if (name != "include") return;
        if (!_partials.TryGetValue(word, out var partial))
        {
            Error(argument, $"unknown partial '{word}'; partials: {string.Join(", ", _partials.Keys.Order(StringComparer.Ordinal))}");
            return;
        }
        if (_including.Contains(word) || _including.Count > 8)
        {
            Error(argument, $"the partial '{word}' includes itself");
            return;
        }
        _including.Push(word);
        CheckWithin(partial.Template, partial.Source);
        _including.Pop();
    }

    private void Assign(ScriptExpression? target, Known value)
    {
        switch (target)
        {
            case ScriptVariableLocal:
                return;
            case ScriptVariable variable when _frames[0].ContainsKey(variable.Name) || _roots.ContainsKey(variable.Name):
                Error(target, $"'{variable.Name}' is a value of the mailing or a function; give your variable another name");
                return;
            case ScriptVariable variable:
                _frames[1][variable.Name] = value;
                return;
            default:
                Expression(target, Use.Value);
                Error(target, $"a template cannot change '{Text(target)}'; assign to a variable of its own instead");
                return;
        }
    }

    private Known? Lookup(string name)
    {
        for (var i = _frames.Count - 1; i >= 0; i--)
            if (_frames[i].TryGetValue(name, out var known)) return known;
        return _roots.GetValueOrDefault(name);
    }

    private IEnumerable<string> Names() => _frames.SelectMany(f => f.Keys).Distinct();

    private void Error(ScriptNode? at, string message) =>
        _diagnostics.Error(string.IsNullOrEmpty(at?.Span.FileName) ? _source.Name : at.Span.FileName, (at?.Span.Start.Line ?? 0) + 1, (at?.Span.Start.Column ?? 0) + 1, message);

    private void ErrorAt(int index, string message)
    {
        var before = _source.Text.AsSpan(0, index);
        var line = before.Count('\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        _diagnostics.Error(_source.Name, line, column, message);
    }

    private static string Text(ScriptNode? node) => node?.ToString()?.Trim() ?? "";
}
