using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace CecopComms.Content.Rendering;

/// <summary>
/// The plain-text alternative of an HTML mailing that has no text template: paragraphs and table cells on their own
/// lines, headings kept (underlined), list items with a dash, each link's text followed by [n] and the links listed
/// at the end. Slot markers pass through untouched, so links and names are still filled per recipient.
/// </summary>
public static class HtmlToText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "table", "tr", "td", "th", "ul", "ol", "li", "blockquote", "section", "article", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "center",
    };

    public static string Convert(IHtmlDocument document)
    {
        var output = new StringBuilder();
        var links = new List<string>();
        if (document.Body is { } body) Walk(body, output, links);
        var text = Tidy(output.ToString());
        if (links.Count == 0) return text + "\n";
        var list = new StringBuilder(text).Append("\n\n");
        for (var i = 0; i < links.Count; i++) list.Append('[').Append(i + 1).Append("] ").Append(links[i]).Append('\n');
        return list.ToString();
    }

    private static void Walk(INode node, StringBuilder output, List<string> links)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text when string.IsNullOrWhiteSpace(text.Data) && node is IElement { LocalName: "ul" or "ol" or "table" or "tbody" or "tr" }:
                    break;
                case IText text:
                    output.Append(Collapse(text.Data));
                    break;
                case IElement element when Hidden(element):
                    break;
                case IElement { LocalName: "br" }:
                    output.Append('\n');
                    break;
                case IElement { LocalName: "img" } image when image.Closest("a") is not null:
                    output.Append(image.GetAttribute("alt"));
                    break;
                case IElement { LocalName: "a" } anchor:
                    var before = output.Length;
                    Walk(anchor, output, links);
                    var href = anchor.GetAttribute("href") ?? "";
                    var label = output.ToString(before, output.Length - before).Trim();
                    if (href.Length == 0 || label == href) break;
                    var number = links.IndexOf(href);
                    if (number < 0) { links.Add(href); number = links.Count - 1; }
                    output.Append(" [").Append(number + 1).Append(']');
                    break;
                case IElement { LocalName: "h1" or "h2" or "h3" } heading:
                    output.Append("\n\n");
                    var start = output.Length;
                    Walk(heading, output, links);
                    var title = output.ToString(start, output.Length - start).Trim();
                    output.Length = start;
                    output.Append(title).Append('\n').Append(new string(heading.LocalName == "h1" ? '=' : '-', Math.Max(3, title.Length))).Append("\n\n");
                    break;
                case IElement { LocalName: "li" } item:
                    if (output.Length > 0 && output[^1] != '\n') output.Append('\n');
                    output.Append("- ");
                    Walk(item, output, links);
                    output.Append('\n');
                    break;
                case IElement element when Blocks.Contains(element.LocalName):
                    output.Append(element.LocalName is "p" or "h4" or "h5" or "h6" or "blockquote" ? "\n\n" : "\n");
                    Walk(element, output, links);
                    output.Append(element.LocalName is "p" or "h4" or "h5" or "h6" or "blockquote" ? "\n\n" : "\n");
                    break;
                case IElement element when element.LocalName is not ("style" or "script" or "head" or "img"):
                    Walk(element, output, links);
                    break;
            }
        }
    }

    private static bool Hidden(IElement element) =>
        element.ClassList.Contains("preheader") ||
        (element.GetAttribute("style") ?? "").Replace(" ", "").Contains("display:none", StringComparison.OrdinalIgnoreCase);

    private static string Collapse(string text)
    {
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) && ch != '\u00A0') { if (!space) result.Append(' '); space = true; }
            else { result.Append(ch == '\u00A0' ? ' ' : ch); space = false; }
        }
        return result.ToString();
    }

    // Trims each line and keeps at most one empty line between blocks.
    private static string Tidy(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim());
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0) { blank++; continue; }
            if (result.Length > 0) result.Append(blank > 0 ? "\n\n" : "\n");
            result.Append(line);
            blank = 0;
        }
        return result.ToString();
    }
}
