using System.Text.RegularExpressions;
using CecopComms.Content.Validation;
using Scriban;
using Scriban.Parsing;

namespace CecopComms.Content.Rendering;

/// <summary>
/// Parses a Scriban template and reports what is wrong with its writing at file:line:column, in the words of whoever
/// edits it: a block left open names the block, a <c>{{</c> left open says so (Scriban accepts it silently), and
/// the syntax templates used before Scriban (<c>{{#each}}</c>, which Scriban reads as a comment, <c>{{{x}}}</c>,
/// <c>{{> partial}}</c>) says what to write instead.
/// </summary>
public static partial class TemplateSyntax
{
    private static readonly HashSet<string> BlockKeywords = new(StringComparer.Ordinal) { "for", "if", "case", "while", "with", "capture", "func", "tablerow", "wrap" };

    [GeneratedRegex(@"\{\{\{|\{\{~?\s*(?:[#/](?:each|if|unless|with)\b|>|\^|!)")]
    private static partial Regex OldSyntax();

    /// <summary>The parsed template, or null after reporting why it cannot be read.</summary>
    /// <param name="source">The template; its name is how messages name it.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="line">The line the text starts on in its file (1-based), for a template written inside another file.</param>
    /// <param name="column">The column the text starts at (1-based).</param>
    public static Template? Parse(SourceText source, Diagnostics diagnostics, int line = 1, int column = 1)
    {
        var lexer = new LexerOptions { StartPosition = new TextPosition(0, line - 1, column - 1) };
        var template = Template.Parse(source.Text, source.Name, lexerOptions: lexer);
        var habits = OldHabits(source, diagnostics, line, column);
        var unclosed = Unclosed(source, lexer, diagnostics);
        foreach (var message in template.Messages.Where(m => m.Type == ParserMessageType.Error))
        {
            if (habits.Contains(message.Span.Start.Line + 1)) continue;
            var (at, words) = Words(source, lexer, message.Message, message.Span.Start);
            diagnostics.Error(source.Name, at.Line + 1, at.Column + 1, words);
        }
        return template.HasErrors || habits.Count > 0 || unclosed ? null : template;
    }

    // The old syntax written out of habit, reported once per place; returns the lines it is on.
    private static HashSet<int> OldHabits(SourceText source, Diagnostics diagnostics, int line, int column)
    {
        var lines = new HashSet<int>();
        foreach (Match match in OldSyntax().Matches(source.Text))
        {
            var before = source.Text.AsSpan(0, match.Index);
            var at = line + before.Count('\n');
            var col = (before.LastIndexOf('\n') is var newline and >= 0 ? match.Index - newline : match.Index + column);
            var closing = match.Value == "{{{" ? "}}}" : "}}";
            var tag = source.Text[match.Index..].Split(closing)[0] + closing;
            var instead = match.Value switch
            {
                "{{{" => "write {{ value }}: values are escaped, and HTML the system made (Markdown, partials) is printed as HTML",
                _ when match.Value.Contains("#each") => "write {{ for item in items }} ... {{ end }}",
                _ when match.Value.Contains('#') => "write {{ if value }} ... {{ end }}",
                _ when match.Value.Contains('/') => "close the block with {{ end }}",
                _ when match.Value.EndsWith('>') => "write {{ include \"name\" }}",
                _ when match.Value.EndsWith('!') => "write a comment as {{# comment }}",
                _ => "write {{ if !value }} ... {{ end }}",
            };
            diagnostics.Error(source.Name, at, col, $"`{Shorten(tag)}` is the template syntax used before Scriban: {instead}");
            lines.Add(at);
        }
        return lines;
    }

    // Scriban reads "a {{ x" without complaint and prints nothing of it.
    private static bool Unclosed(SourceText source, LexerOptions options, Diagnostics diagnostics)
    {
        Token? open = null;
        foreach (var token in new Lexer(source.Text, source.Name, options))
        {
            if (token.Type == TokenType.CodeEnter) open = token;
            else if (token.Type == TokenType.CodeExit) open = null;
        }
        if (open is not { } enter) return false;
        diagnostics.Error(source.Name, enter.Start.Line + 1, enter.Start.Column + 1, "this {{ is never closed with }}");
        return true;
    }

    private static (TextPosition At, string Words) Words(SourceText source, LexerOptions options, string message, TextPosition at)
    {
        if (message.Contains("<end> statement was not found", StringComparison.Ordinal) && OpenBlock(source, options) is { } block)
            return (block.At, $"the block `{block.Header}` is not closed: add {{{{ end }}}} where it ends");
        if (message.Contains("<end> statement without a corresponding beginning", StringComparison.Ordinal))
            return (EndKeyword(source, options, at), "this {{ end }} closes no block: remove it, or open the block it was meant to close");
        if (message.Contains("string not terminated", StringComparison.Ordinal))
            return (at, "a quoted text is not closed: add the closing quote");
        var words = Regex.Replace(message, @"^Error while parsing [\w ]+?: ", "");
        return (at, "this is not valid Scriban: " + words.TrimEnd('.'));
    }

    // Scriban points past the stray "end"; point at the word itself.
    private static TextPosition EndKeyword(SourceText source, LexerOptions options, TextPosition at)
    {
        var index = at.Line - options.StartPosition.Line;
        if (index < 0 || index >= source.Lines.Count) return at;
        var line = source.Lines[index];
        var offset = index == 0 ? options.StartPosition.Column : 0;
        var end = line.LastIndexOf("end", Math.Clamp(at.Column - offset, 0, Math.Max(0, line.Length - 1)), StringComparison.Ordinal);
        return end < 0 ? at : new TextPosition(at.Offset, at.Line, end + offset);
    }

    // The innermost block left open, found over the tokens: statements open with a keyword and close with "end".
    private static (TextPosition At, string Header)? OpenBlock(SourceText source, LexerOptions options)
    {
        var open = new Stack<(TextPosition At, string Header)>();
        var statementStart = false;
        (TextPosition At, List<string> Words)? header = null;
        foreach (var token in new Lexer(source.Text, source.Name, options))
        {
            var text = token.Type == TokenType.Eof ? "" : token.GetText(source.Text);
            if (token.Type is TokenType.CodeExit or TokenType.NewLine or TokenType.SemiColon or TokenType.Eof)
            {
                if (header is { } h) open.Push((h.At, string.Join(' ', h.Words)));
                header = null;
                statementStart = token.Type != TokenType.CodeExit;
                continue;
            }
            if (token.Type == TokenType.CodeEnter) { statementStart = true; continue; }
            if (header is { } current) { current.Words.Add(text); continue; }
            if (statementStart && token.Type == TokenType.Identifier)
            {
                if (text == "end" && open.Count > 0) open.Pop();
                else if (BlockKeywords.Contains(text)) header = (token.Start, [text]);
            }
            statementStart = false;
        }
        return open.Count > 0 ? open.Peek() : null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
