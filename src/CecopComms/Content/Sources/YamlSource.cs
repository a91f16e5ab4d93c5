using System.Globalization;
using System.Text.RegularExpressions;
using CecopComms.Content.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CecopComms.Content.Sources;

/// <summary>
/// Reads a YAML document node by node (YamlDotNet's representation model) so that every value keeps its line and
/// column, and every problem is reported at the place it was written. The text is read through
/// <see cref="BoundedYamlParser"/>: staff write it, so its size, depth, aliases and characters are held to limits.
/// </summary>
public sealed partial class YamlSource(SourceText source, Diagnostics diagnostics)
{
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();

    public string File => source.Name;

    /// <summary>The document's top mapping, or null (with an error) when the YAML is broken or not a mapping.</summary>
    public YamlMappingNode? Root(int lineOffset = 0)
    {
        if (!source.CheckLength(diagnostics, 1 + lineOffset)) return null;
        var stream = new YamlStream();
        try
        {
            stream.Load(new BoundedYamlParser(new Parser(new StringReader(source.Text)),
                (mark, message) => diagnostics.Error(File, (int)mark.Line + lineOffset, (int)mark.Column, message)));
        }
        catch (YamlLimitException e)
        {
            diagnostics.Error(File, (int)e.Start.Line + lineOffset, (int)e.Start.Column, PositionPrefix().Replace(e.Message, ""));
            return null;
        }
        catch (YamlException e)
        {
            var message = PositionPrefix().Replace(e.Message, "");
            diagnostics.Error(File, (int)e.Start.Line + lineOffset, (int)e.Start.Column, "broken YAML: " + message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner sometimes fails without a position: the place is where the last good token ended.
            var end = LastGoodToken();
            diagnostics.Error(File, (int)end.Line + lineOffset, (int)end.Column, "broken YAML after this point (an unclosed { or [, or a quote?)");
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            diagnostics.Error(File, 1 + lineOffset, 1, "expected a YAML mapping of fields (name: value)");
            return null;
        }
        LineOffset = lineOffset;
        return map;
    }

    private Mark LastGoodToken()
    {
        var scanner = new Scanner(new StringReader(source.Text));
        var end = Mark.Empty;
        try
        {
            while (scanner.MoveNext()) end = scanner.Current!.End;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException) { }
        return end;
    }

    /// <summary>Added to every line: the YAML is front matter that starts below the first line of its file.</summary>
    public int LineOffset { get; private set; }

    public int LineOf(YamlNode node) => (int)node.Start.Line + LineOffset;

    public YamlNode? Node(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    /// <summary>
    /// A scalar field; an error when it is required and missing or not a single value, or when it goes into a mail
    /// header (<paramref name="header"/>) and holds a line break.
    /// </summary>
    public LocatedText? Scalar(YamlMappingNode map, string key, bool required, bool header = false)
    {
        switch (Node(map, key))
        {
            case YamlScalarNode { Value: { } value } scalar when value.Length > 0:
                return header ? OneLine(Located(scalar, value), key) : Located(scalar, value);
            case null or YamlScalarNode:
                if (required) diagnostics.Error(File, LineOf(map), (int)map.Start.Column, $"'{key}' is missing");
                return null;
            case var other:
                diagnostics.Error(File, LineOf(other), (int)other.Start.Column, $"'{key}' must be a single value");
                return null;
        }
    }

    /// <summary>A date field written yyyy-MM-dd.</summary>
    public DateOnly? Date(YamlMappingNode map, string key, bool required)
    {
        var text = Scalar(map, key, required);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        diagnostics.Error(File, text.Line, text.Column, $"'{key}' must be a date written yyyy-MM-dd, not '{text.Value}'");
        return null;
    }

    /// <summary>A text field: one value (English) or a mapping of language tags to values; one line each when it goes into a mail header.</summary>
    public LocalText Local(YamlMappingNode map, string key, bool required, bool header = false)
    {
        var node = Node(map, key);
        if (node is YamlScalarNode or null)
        {
            var single = Scalar(map, key, required, header);
            return single is null ? LocalText.Empty : new LocalText(new Dictionary<string, LocatedText> { [LocalText.Fallback] = single });
        }
        if (node is not YamlMappingNode variants)
        {
            diagnostics.Error(File, LineOf(node), (int)node.Start.Column, $"'{key}' must be a text or a mapping of languages to texts (en: ..., it: ...)");
            return LocalText.Empty;
        }
        var result = new Dictionary<string, LocatedText>(StringComparer.Ordinal);
        foreach (var (languageNode, valueNode) in variants.Children)
        {
            var language = ((YamlScalarNode)languageNode).Value ?? "";
            if (!Audience.Languages.TryNormalise(language, out var tag))
            {
                diagnostics.Error(File, LineOf(languageNode), (int)languageNode.Start.Column, $"'{language}' is not a language tag (en, it, fr, es, pl...)");
                continue;
            }
            if (valueNode is YamlScalarNode { Value: { Length: > 0 } value } scalar) result[tag!] = header ? OneLine(Located(scalar, value), key) : Located(scalar, value);
            else diagnostics.Error(File, LineOf(valueNode), (int)valueNode.Start.Column, $"'{key}' in '{language}' must be a text");
        }
        if (required && !result.ContainsKey(LocalText.Fallback))
            diagnostics.Error(File, LineOf(node), (int)node.Start.Column, $"'{key}' needs an English text (en:), the one every reader can fall back to");
        return new LocalText(result);
    }

    /// <summary>A sequence field, or an empty one (with an error when present and not a sequence).</summary>
    public IReadOnlyList<YamlNode> Sequence(YamlMappingNode map, string key)
    {
        var node = Node(map, key);
        if (node is null) return [];
        if (node is YamlSequenceNode sequence) return sequence.Children.ToList();
        diagnostics.Error(File, LineOf(node), (int)node.Start.Column, $"'{key}' must be a list (lines starting with '- ')");
        return [];
    }

    /// <summary>The scalar values of a sequence field such as tags: [News, Event].</summary>
    public IReadOnlyList<LocatedText> Scalars(YamlMappingNode map, string key) =>
        Sequence(map, key).OfType<YamlScalarNode>().Where(s => !string.IsNullOrEmpty(s.Value)).Select(s => Located(s, s.Value!)).ToList();

    public void Error(YamlNode node, string message) => diagnostics.Error(File, LineOf(node), (int)node.Start.Column, message);

    // A line break in a header would end it there; the last one a YAML block (|) adds is no line of its own.
    private LocatedText OneLine(LocatedText text, string key)
    {
        if (text.Value.TrimEnd('\n').Contains('\n'))
            diagnostics.Error(File, text.Line, text.Column, $"'{key}' goes into the e-mail's header, so it must be one line of text");
        return text;
    }

    private LocatedText Located(YamlScalarNode scalar, string value)
    {
        var line = LineOf(scalar);
        var block = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded;
        return new LocatedText(value, File, line, (int)scalar.Start.Column, block ? line + 1 : line);
    }
}
