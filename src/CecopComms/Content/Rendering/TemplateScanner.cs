using System.Text.RegularExpressions;
using CecopComms.Content.Validation;

namespace CecopComms.Content.Rendering;

/// <summary>
/// Reads a Handlebars template before it is compiled and reports, at file:line:column, what Handlebars would only
/// find late or never: unclosed tags, blocks that do not match, unknown variables, helpers, partials and words,
/// subscriber data used in a condition, and images without alt text.
/// </summary>
public sealed partial class TemplateScanner(TemplateSet templates, string extension, Diagnostics diagnostics)
{
    [GeneratedRegex(@"<img\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ImageTag();

    [GeneratedRegex(@"\balt\s*=\s*(""[^""]+""|'[^']+'|[^\s>""']+)", RegexOptions.IgnoreCase)]
    private static partial Regex AltAttribute();

    private readonly Stack<string> _partials = new();

    public void Check(SourceText template, TemplateScope scope)
    {
        var lines = LineStarts(template.Text);
        (int, int) Place(int index)
        {
            var line = Array.BinarySearch(lines, index);
            if (line < 0) line = ~line - 1;
            return (line + 1, index - lines[line] + 1);
        }
        void Error(int index, string message)
        {
            var (line, column) = Place(index);
            diagnostics.Error(template.Name, line, column, message);
        }

        if (extension == "html")
            foreach (Match image in ImageTag().Matches(template.Text))
                if (!AltAttribute().IsMatch(image.Value)) Error(image.Index, "an image needs alt text (alt=\"what it shows\")");

        var blocks = new Stack<(string Name, int Index, TemplateScope Scope)>();
        var current = scope;
        var text = template.Text;
        var at = 0;
        while ((at = text.IndexOf("{{", at, StringComparison.Ordinal)) >= 0)
        {
            var triple = text.AsSpan(at).StartsWith("{{{");
            var comment = text.AsSpan(at).StartsWith("{{!");
            var closing = comment && text.AsSpan(at).StartsWith("{{!--") ? "--}}" : triple ? "}}}" : "}}";
            var end = text.IndexOf(closing, at + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                Error(at, $"'{text.Substring(at, Math.Min(3, text.Length - at))}' is never closed with '{closing}'");
                break;
            }
            var innerStart = at + (triple ? 3 : 2);
            var inner = text[innerStart..end].Trim('~').Trim();
            var tagAt = at;
            at = end + closing.Length;
            if (comment) continue;
            if (inner.Length == 0) { Error(tagAt, "an empty '{{ }}'"); continue; }

            switch (inner[0])
            {
                case '#':
                    var open = Tokens(inner[1..]);
                    var name = open.Count > 0 ? open[0] : "";
                    if (name.StartsWith('>') || name.StartsWith('*')) { Error(tagAt, "partial blocks and decorators are not used here; write {{> name}}"); break; }
                    if (!TemplateHelpers.Blocks.Contains(name)) { Error(tagAt, $"unknown block '{name}': use #each, #if, #unless or #with"); break; }
                    if (open.Count != 2) { Error(tagAt, $"'#{name}' takes one value, e.g. {{{{#{name} items}}}}"); blocks.Push((name, tagAt, current)); break; }
                    if (open[1].StartsWith("recipient", StringComparison.Ordinal) || open[1].StartsWith("@root.recipient", StringComparison.Ordinal))
                        Error(tagAt, $"subscriber data can be printed but not tested ('#{name} {open[1]}'): the mailing is compiled once for every recipient");
                    var target = Resolve(open[1], current, scope, tagAt, Error);
                    blocks.Push((name, tagAt, current));
                    if (name == "each") current = target?.Element ?? (target is null ? TemplateScope.Leaf : Fail(tagAt, $"'{open[1]}' is not a list", Error));
                    else if (name == "with") current = target ?? TemplateScope.Leaf;
                    break;
                case '/':
                    var closeName = inner[1..].Trim();
                    if (blocks.Count == 0) { Error(tagAt, $"'{{{{/{closeName}}}}}' closes a block that was never opened"); break; }
                    var (openName, openAt, outer) = blocks.Pop();
                    if (openName != closeName)
                    {
                        var (line, column) = Place(openAt);
                        Error(tagAt, $"'{{{{/{closeName}}}}}' closes '{{{{#{openName}}}}}' opened at line {line}, column {column}");
                    }
                    current = outer;
                    break;
                case '^':
                    if (blocks.Count == 0) Error(tagAt, "'{{^}}' outside a block");
                    break;
                case '>':
                    Partial(Tokens(inner[1..]), current, scope, tagAt, Error);
                    break;
                case '&':
                    Expression(Tokens(inner[1..]), current, scope, tagAt, Error);
                    break;
                default:
                    var tokens = Tokens(inner);
                    if (tokens[0] == "else")
                    {
                        if (blocks.Count == 0) Error(tagAt, "'{{else}}' outside a block");
                        else if (tokens.Count > 1) Error(tagAt, "write {{else}} alone; nest another {{#if}} inside it");
                        break;
                    }
                    Expression(tokens, current, scope, tagAt, Error);
                    break;
            }
        }
        foreach (var (name, index, _) in blocks) Error(index, $"'{{{{#{name}}}}}' is never closed with '{{{{/{name}}}}}'");
    }

    private static TemplateScope Fail(int index, string message, Action<int, string> error)
    {
        error(index, message);
        return TemplateScope.Leaf;
    }

    private void Partial(List<string> tokens, TemplateScope current, TemplateScope root, int index, Action<int, string> error)
    {
        var name = tokens.Count > 0 ? tokens[0] : "";
        var partials = templates.Partials(extension);
        if (!partials.TryGetValue(name, out var partial))
        {
            error(index, $"unknown partial '{name}'; partials: {string.Join(", ", partials.Keys)}");
            return;
        }
        var scope = tokens.Count > 1 ? Resolve(tokens[1], current, root, index, error) ?? TemplateScope.Leaf : current;
        if (_partials.Contains(name) || _partials.Count > 8) { error(index, $"partial '{name}' includes itself"); return; }
        _partials.Push(name);
        Check(partial, scope);
        _partials.Pop();
    }

    private void Expression(List<string> tokens, TemplateScope current, TemplateScope root, int index, Action<int, string> error)
    {
        var head = tokens[0];
        if (TemplateHelpers.Arguments.TryGetValue(head, out var count))
        {
            var arguments = tokens.Skip(1).ToList();
            if (arguments.Count < count.Min || arguments.Count > count.Max)
                error(index, $"'{head}' takes {(count.Min == count.Max ? count.Min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{count.Min} to {count.Max}")} argument(s), not {arguments.Count}");
            if (head is "t" or "attr" && arguments.Count == 1 && !IsString(arguments[0]))
                error(index, $"'{head}' takes a quoted word: {{{{{head} \"...\"}}}}");
            if (head == "t" && arguments.Count == 1 && IsString(arguments[0]) && !templates.Strings.Has(arguments[0][1..^1]))
                error(index, $"unknown word '{arguments[0][1..^1]}': add it to strings.yaml");
            foreach (var argument in arguments) Value(argument, current, root, index, error);
            return;
        }
        if (tokens.Count > 1) { error(index, $"unknown helper '{head}'; helpers: {string.Join(", ", TemplateHelpers.Arguments.Keys)}"); return; }
        Value(head, current, root, index, error);
    }

    private void Value(string token, TemplateScope current, TemplateScope root, int index, Action<int, string> error)
    {
        if (token.StartsWith('(') && token.EndsWith(')')) { Expression(Tokens(token[1..^1]), current, root, index, error); return; }
        Resolve(token, current, root, index, error);
    }

    /// <summary>The scope a path names, or null after reporting it unknown. Literals and @data resolve to a leaf.</summary>
    private static TemplateScope? Resolve(string path, TemplateScope current, TemplateScope root, int index, Action<int, string> error)
    {
        if (IsString(path) || double.TryParse(path, System.Globalization.CultureInfo.InvariantCulture, out _) || path is "true" or "false" or "null") return TemplateScope.Leaf;
        if (path is "this" or "." or "@index" or "@first" or "@last" or "@key") return current;
        var scope = current;
        var rest = path;
        if (rest.StartsWith("@root.", StringComparison.Ordinal)) { scope = root; rest = rest[6..]; }
        else if (rest.StartsWith("../", StringComparison.Ordinal)) { scope = root; rest = rest.TrimStart('.', '/'); } // parents are the root in our models
        else if (rest.StartsWith("this.", StringComparison.Ordinal)) rest = rest[5..];
        foreach (var part in rest.Split('.', '/'))
        {
            if (!scope.Fields.TryGetValue(part, out var next))
            {
                var known = scope.Fields.Keys.Order(StringComparer.Ordinal);
                error(index, $"unknown variable '{path}'{(ReferenceEquals(scope, current) && !ReferenceEquals(current, root) && root.Fields.ContainsKey(part) ? $" here (inside a block, write @root.{rest})" : "")}; known here: {string.Join(", ", known)}");
                return null;
            }
            scope = next;
        }
        return scope;
    }

    private static bool IsString(string token) => token.Length >= 2 && (token[0] == '"' && token[^1] == '"' || token[0] == '\'' && token[^1] == '\'');

    /// <summary>Splits on white space, keeping quoted strings and (sub expressions) whole.</summary>
    private static List<string> Tokens(string inner)
    {
        var tokens = new List<string>();
        var depth = 0;
        char quote = '\0';
        var start = -1;
        for (var i = 0; i <= inner.Length; i++)
        {
            var ch = i < inner.Length ? inner[i] : ' ';
            if (quote != '\0') { if (ch == quote) quote = '\0'; continue; }
            if (ch is '"' or '\'') { quote = ch; if (start < 0) start = i; continue; }
            if (ch == '(') { depth++; if (start < 0) start = i; continue; }
            if (ch == ')') { depth--; continue; }
            if (char.IsWhiteSpace(ch) && depth == 0)
            {
                if (start >= 0) tokens.Add(inner[start..i]);
                start = -1;
            }
            else if (start < 0) start = i;
        }
        if (tokens.Count == 0) tokens.Add("");
        return tokens;
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++) if (text[i] == '\n') starts.Add(i + 1);
        return [.. starts];
    }
}
