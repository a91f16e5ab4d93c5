using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CecopComms.Content.Sources;

/// <summary>
/// YamlDotNet's parser held to the limits of staff-written YAML, checked event by event while the document is read, so
/// nothing is built past them: YamlDotNet's representation model calls itself once per level of nesting (80 KB of '['
/// ends the process with a stack overflow, which no catch can stop), and an alias makes every later read of a
/// repeated part cost its full size again. Depth, aliases and the number of values stop the read with a
/// <see cref="YamlLimitException"/> at the place; text holding characters that e-mails, web pages and feeds cannot
/// carry is reported through <paramref name="problem"/> and the read goes on.
/// </summary>
public sealed class BoundedYamlParser(IParser inner, Action<Mark, string> problem) : IParser
{
    /// <summary>Lists and mappings inside one another: an edition needs four levels, a campaign three.</summary>
    public const int MaxDepth = 64;

    /// <summary>Values (texts, lists and mappings) in one file: an edition of twenty news items in six languages holds about a thousand.</summary>
    public const int MaxValues = 20_000;

    private int _depth;
    private int _values;

    public ParsingEvent? Current => inner.Current;

    /// <exception cref="YamlLimitException">The YAML passes a limit here.</exception>
    /// <exception cref="YamlException">The YAML is broken here.</exception>
    public bool MoveNext()
    {
        if (!inner.MoveNext()) return false;
        var current = inner.Current!;
        if (current is NodeEvent && ++_values > MaxValues)
            throw new YamlLimitException(current.Start, current.End,
                string.Create(CultureInfo.InvariantCulture, $"the file holds more than {MaxValues:N0} values; an edition or a campaign needs far fewer (is something pasted many times?)"));
        switch (current)
        {
            case AnchorAlias alias:
                throw new YamlLimitException(alias.Start, alias.End,
                    $"'*{alias.Value}' repeats an earlier part of the file (a YAML alias); aliases are not accepted: write the text out where it is needed");
            case MappingStart or SequenceStart when ++_depth > MaxDepth:
                throw new YamlLimitException(current.Start, current.End,
                    $"lists or mappings are put inside one another more than {MaxDepth} levels deep here; an edition or a campaign needs no more than five");
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
            case Scalar scalar:
                Check(scalar);
                break;
        }
        return true;
    }

    private void Check(Scalar scalar)
    {
        var at = XmlCharacters.IndexOfForbidden(scalar.Value);
        if (at >= 0)
            problem(scalar.Start, $"this text holds an invisible control character ({XmlCharacters.Name(scalar.Value[at])}) that e-mails, web pages and feeds cannot carry; delete it");
        else if (scalar.Value.Contains('\r'))
            problem(scalar.Start, "this text holds a carriage return (\\r); write line breaks as new lines");
    }
}
