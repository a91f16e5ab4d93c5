using CecopComms.Content.Validation;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CecopComms.Content.Sources;

/// <summary>
/// Renders a Markdown field to HTML (Markdig; raw HTML is escaped, not passed through) and checks it: links absolute
/// https, images with alt text, no link left unclosed. Problems point at the line in the file the Markdown came from.
/// </summary>
public static class MarkdownField
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePreciseSourceLocation()
        .Build();

    public static string ToHtml(LocatedText text, SourceText? source, Diagnostics diagnostics)
    {
        var document = Markdown.Parse(text.Value, Pipeline);
        foreach (var inline in document.Descendants<Inline>()) Check(inline, text, source, diagnostics);
        return Markdown.ToHtml(document, Pipeline).Trim();
    }

    private static void Check(Inline inline, LocatedText text, SourceText? source, Diagnostics diagnostics)
    {
        switch (inline)
        {
            case LinkInline link:
                var (line, column) = Place(inline.Line, inline.Column, text, source);
                if (link.IsImage && !link.Any())
                    diagnostics.Error(text.File, line, column, "an image needs alt text: ![what it shows](https://...)");
                if (!HttpsLink.IsValid(link.Url ?? ""))
                    diagnostics.Error(text.File, line, column, $"'{link.Url}' is not an absolute https link (https://...)");
                break;
            case LiteralInline literal when literal.Content.ToString() is var content && (content.Contains("](") || content.Contains("]( ")):
                var (l, c) = Place(inline.Line, inline.Column + content.IndexOf("](", StringComparison.Ordinal), text, source);
                diagnostics.Error(text.File, l, c, "broken Markdown: a link is not closed; write [text](https://...)");
                break;
        }
    }

    // Markdig counts from 0 inside the field; the field's own lines start at FirstContentLine, indented in a YAML block.
    private static (int Line, int Column) Place(int line, int column, LocatedText text, SourceText? source)
    {
        if (text.FirstContentLine == text.Line && line == 0) return (text.Line, text.Column + column);
        var fileLine = text.FirstContentLine + line;
        var indent = source is not null && fileLine <= source.Lines.Count ? source.Lines[fileLine - 1].TakeWhile(ch => ch == ' ').Count() : 0;
        return (fileLine, indent + column + 1);
    }
}
