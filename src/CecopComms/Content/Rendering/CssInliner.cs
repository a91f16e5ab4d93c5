using System.Text;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace CecopComms.Content.Rendering;

/// <summary>
/// Moves the rules of a document's &lt;style&gt; elements into each element's style attribute, in cascade order
/// (specificity, then source order, !important above both, the element's own style last), because many mail
/// clients drop &lt;style&gt;. At-rules such as @media stay in one &lt;style&gt; in the head for the clients that
/// read it. Declarations are copied as written: AngleSharp.Css would re-serialise colours as rgba(), which
/// Outlook's Word engine does not read, so AngleSharp is used for selectors and their specificity only.
/// </summary>
public static class CssInliner
{
    private sealed record Rule(string Selector, IReadOnlyList<(string Name, string Value, bool Important)> Declarations, int Order);

    /// <summary>Inlines; returns the selectors it could not parse.</summary>
    public static IReadOnlyList<string> Inline(IHtmlDocument document)
    {
        var rules = new List<Rule>();
        var atRules = new StringBuilder();
        foreach (var style in document.QuerySelectorAll("style").ToList())
        {
            Parse(style.TextContent, rules, atRules);
            style.Remove();
        }
        var parser = new CssSelectorParser();
        var bad = new List<string>();
        var applied = new Dictionary<IElement, List<(AngleSharp.Css.Priority Priority, Rule Rule)>>();
        foreach (var rule in rules)
        {
            var selector = parser.ParseSelector(rule.Selector);
            if (selector is null) { bad.Add(rule.Selector); continue; }
            foreach (var element in document.QuerySelectorAll(rule.Selector))
            {
                if (!applied.TryGetValue(element, out var list)) applied[element] = list = [];
                list.Add((selector.Specificity, rule));
            }
        }
        foreach (var (element, list) in applied)
        {
            var values = new Dictionary<string, (string Value, bool Important)>(StringComparer.OrdinalIgnoreCase);
            var order = new List<string>();
            foreach (var (_, rule) in list.OrderBy(x => x.Priority).ThenBy(x => x.Rule.Order))
                foreach (var (name, value, important) in rule.Declarations)
                    Set(values, order, name, value, important);
            foreach (var (name, value, important) in Declarations(element.GetAttribute("style") ?? ""))
                Set(values, order, name, value, important);
            element.SetAttribute("style", string.Join("; ", order.Select(n => $"{n}: {values[n].Value}")));
        }
        if (atRules.Length > 0 && document.Head is { } head)
        {
            var kept = document.CreateElement("style");
            kept.TextContent = atRules.ToString();
            head.AppendChild(kept);
        }
        return bad;
    }

    private static void Set(Dictionary<string, (string Value, bool Important)> values, List<string> order, string name, string value, bool important)
    {
        if (values.TryGetValue(name, out var existing))
        {
            if (existing.Important && !important) return;
            order.Remove(name);
        }
        values[name] = (value, important);
        order.Add(name);
    }

    private static void Parse(string css, List<Rule> rules, StringBuilder atRules)
    {
        var text = StripComments(css);
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf('{', at);
            if (open < 0) break;
            var prelude = text[at..open].Trim();
            var close = MatchingBrace(text, open);
            var body = text[(open + 1)..close];
            if (prelude.StartsWith('@')) atRules.Append(prelude).Append(" {").Append(body).Append("}\n");
            else
                foreach (var selector in prelude.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    rules.Add(new Rule(selector, Declarations(body), rules.Count));
            at = close + 1;
        }
    }

    private static List<(string Name, string Value, bool Important)> Declarations(string body)
    {
        var result = new List<(string, string, bool)>();
        foreach (var declaration in body.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = declaration.IndexOf(':');
            if (colon <= 0) continue;
            var value = declaration[(colon + 1)..].Trim();
            var important = value.EndsWith("!important", StringComparison.OrdinalIgnoreCase);
            if (important) value = value[..^"!important".Length].Trim();
            result.Add((declaration[..colon].Trim().ToLowerInvariant(), value, important));
        }
        return result;
    }

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return i;
        }
        return text.Length - 1;
    }

    private static string StripComments(string css)
    {
        var text = new StringBuilder(css.Length);
        for (var i = 0; i < css.Length; i++)
        {
            if (css[i] == '/' && i + 1 < css.Length && css[i + 1] == '*')
            {
                var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? css.Length : end + 1;
                continue;
            }
            text.Append(css[i]);
        }
        return text.ToString();
    }
}
