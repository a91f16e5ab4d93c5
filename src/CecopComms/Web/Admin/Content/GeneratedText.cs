using System.Text.RegularExpressions;

namespace CecopComms.Web.Admin.Content;

/// <summary>A source written from a form (YAML, a mailing's Markdown file), with the line of each field so the checks' file:line:column problems find their way back to the form.</summary>
public partial class GeneratedText(string text, IReadOnlyList<FormField> fields)
{
    [GeneratedRegex(@"^'(?<key>[a-z_]+)' (is missing|needs an English text|must be)")]
    private static partial Regex AboutKey();

    public string Text { get; } = text;

    /// <summary>The fields in the order they were written.</summary>
    public IReadOnlyList<FormField> Fields { get; } = fields;

    /// <summary>
    /// The form field a problem at <paramref name="line"/> concerns: the last field written at or above that line (a
    /// Markdown field's problems fall on its own lines), or, for a required value the reader reports at its news item's
    /// first line ("'title' is missing"), the field the message names. Null above the first field.
    /// </summary>
    public FormField? Locate(int line, string message)
    {
        var at = Fields.LastOrDefault(f => f.Line <= line);
        if (at is null) return null;
        if (AboutKey().Match(message) is { Success: true } named)
            return Fields.FirstOrDefault(f => f.Item == at.Item && f.Key == named.Groups["key"].Value && f.Line >= line) ?? at;
        return at;
    }
}
