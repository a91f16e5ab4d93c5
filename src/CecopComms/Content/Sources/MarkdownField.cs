using CecopComms.Content.Validation;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CecopComms.Content.Sources;

/// <summary>
/// Renders a Markdown field to HTML (Markdig; raw HTML is escaped, not passed through) and checks it: links absolute
/// https, images with alt text, no link left unclosed, quotes and lists nested no deeper than <see cref="MaxDepth"/>.
/// Problems point at the line in the file the Markdown came from.
/// </summary>
public static partial class MarkdownField
{
    /// <summary>Quotes, lists and emphasis inside one another: a newsletter needs three or four.</summary>
    public const int MaxDepth = 32;

    /// <summary>Characters in one field: a long article is about 20,000.</summary>
    public const int MaxLength = 50_000;

    /// <summary>
    /// Link openings ("](") in one field. Markdig's time grows with the square of unclosed ones ("[a](" 32,000 times
    /// took 10 s and kept a core busy after the request was gone), and a newsletter has a few dozen.
    /// </summary>
    public const int MaxLinks = 1_000;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder { MaximumNestingDepth = MaxDepth }
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePreciseSourceLocation()
        .Build();

    private static readonly string TooDeepMessage =
        $"this text puts quotes (>) or lists inside one another more than {MaxDepth} levels deep; a newsletter needs no more than three or four";

    // Text versions keep Markdig's default reading, held to the same depth.
    private static readonly MarkdownPipeline PlainPipeline = new MarkdownPipelineBuilder { MaximumNestingDepth = MaxDepth }.Build();

    public static string ToHtml(LocatedText text, SourceText? source, Diagnostics diagnostics)
    {
        if (TooLarge(text.Value) is { } sentence)
        {
            diagnostics.Error(text.File, text.Line, text.Column, sentence);
            return "";
        }
        if (TooDeep(text, source, diagnostics)) return "";
        try
        {
            var document = Markdown.Parse(text.Value, Pipeline);
            foreach (var inline in document.Descendants<Inline>()) Check(inline, text, source, diagnostics);
            WarnTemplateTags(text, source, diagnostics);
            return Markdown.ToHtml(document, Pipeline).Trim();
        }
        catch (ArgumentException e) when (IsTooDeep(e))
        {
            diagnostics.Error(text.File, text.Line, text.Column, TooDeepMessage);
            return "";
        }
    }

    /// <summary>
    /// The text without its Markdown, for text versions; empty when it is nested too deep, which
    /// <see cref="ToHtml"/> reports as an error for the same text.
    /// </summary>
    public static string ToPlainText(string markdown)
    {
        if (TooLarge(markdown) is not null) return "";
        try
        {
            return Markdown.ToPlainText(markdown, PlainPipeline);
        }
        catch (ArgumentException e) when (IsTooDeep(e))
        {
            return "";
        }
    }

    // Checked before Markdig reads the text, so that no text costs it seconds.
    private static string? TooLarge(string text)
    {
        if (text.Length > MaxLength) return $"this text has {text.Length:N0} characters; a field holds at most {MaxLength:N0} (split a long article, or link to it)";
        var links = 0;
        for (var at = text.IndexOf("](", StringComparison.Ordinal); at >= 0; at = text.IndexOf("](", at + 2, StringComparison.Ordinal))
            if (++links > MaxLinks) return $"this text opens more than {MaxLinks:N0} links; a newsletter needs far fewer";
        return null;
    }

    // Markdig stops at the pipeline's nesting depth with this exception and no type of its own.
    private static bool IsTooDeep(ArgumentException e) => e.Message.Contains("too deeply nested", StringComparison.Ordinal);

    // Quotes and list items opened on one line ("> > > ...", "- - - ...") are counted before Markdig opens them all
    // (thousands cost it seconds before its own limit stops it), so the problem points at the marker past the limit.
    private static bool TooDeep(LocatedText text, SourceText? source, Diagnostics diagnostics)
    {
        var lines = text.Value.Split('\n');
        for (var line = 0; line < lines.Length; line++)
        {
            var (depth, column) = (0, 0);
            var content = lines[line];
            while (true)
            {
                while (column < content.Length && content[column] is ' ' or '\t') column++;
                var marker = MarkerLength(content, column);
                if (marker == 0) break;
                if (++depth > MaxDepth)
                {
                    var (fileLine, fileColumn) = Place(line, column, text, source);
                    diagnostics.Error(text.File, fileLine, fileColumn, TooDeepMessage);
                    return true;
                }
                column += marker;
            }
        }
        return false;
    }

    // The length of a quote marker (>) or list marker (-, *, +, 1., 1)) at the column, or 0.
    private static int MarkerLength(string line, int column)
    {
        if (column >= line.Length) return 0;
        if (line[column] == '>') return 1;
        var end = column;
        while (end < line.Length && end - column < 9 && char.IsAsciiDigit(line[end])) end++;
        if (end > column && end < line.Length && line[end] is '.' or ')') end++;
        else if (end == column && line[column] is '-' or '*' or '+') end++;
        else return 0;
        return end == line.Length || line[end] is ' ' or '\t' ? end - column : 0;
    }

    // "Dear {{name}}," typed into an edition reached members as written: Markdown fills in nothing, so say so at once.
    private static void WarnTemplateTags(LocatedText text, SourceText? source, Diagnostics diagnostics)
    {
        var lines = text.Value.Split('\n');
        for (var line = 0; line < lines.Length; line++)
            foreach (System.Text.RegularExpressions.Match tag in TemplateTag().Matches(lines[line]))
            {
                var (fileLine, fileColumn) = Place(line, tag.Index, text, source);
                diagnostics.Warning(text.File, fileLine, fileColumn,
                    $"'{tag.Value}' will be printed as it is: this text is not a template, so it fills in no reader's name or value (the template greets the reader)");
            }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{.{0,60}?\}\}")]
    private static partial System.Text.RegularExpressions.Regex TemplateTag();

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
