using System.Text;

namespace CecopComms.Content.Validation;

/// <summary>One problem at a place in a source file (lines and columns count from 1).</summary>
public sealed record Diagnostic(Severity Severity, string File, int Line, int Column, string Message)
{
    /// <summary>"file:line:column: error: message".</summary>
    public string Headline => $"{File}:{Line}:{Column}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}";

    /// <summary>The headline, then the line before, the line itself with a caret under the column, and the line after.</summary>
    public string Format(SourceText? source)
    {
        var text = new StringBuilder(Headline);
        if (source is null || Line < 1 || Line > source.Lines.Count) return text.ToString();
        var width = (Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        for (var n = Math.Max(1, Line - 1); n <= Math.Min(source.Lines.Count, Line + 1); n++)
        {
            var (shown, column) = Window(source.Lines[n - 1], Column);
            text.Append('\n').Append(n.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width + 2)).Append(" | ").Append(shown);
            if (n == Line) text.Append('\n').Append(new string(' ', width + 2)).Append(" | ").Append(new string(' ', Math.Max(0, column - 1))).Append('^');
        }
        return text.ToString();
    }

    private const int QuotedWidth = 120;

    // A line of thousands of characters (80 KB of '[') is quoted around the column, not whole; the caret moves with it.
    private static (string Text, int Column) Window(string line, int column)
    {
        if (line.Length <= QuotedWidth) return (line, column);
        var start = Math.Clamp(column - 1 - QuotedWidth / 2, 0, line.Length - QuotedWidth);
        var shown = (start > 0 ? "..." : "") + line.Substring(start, QuotedWidth) + (start + QuotedWidth < line.Length ? "..." : "");
        return (shown, column - start + (start > 0 ? 3 : 0));
    }
}
