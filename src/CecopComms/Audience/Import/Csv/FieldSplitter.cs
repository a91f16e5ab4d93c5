using System.Text;

namespace CecopComms.Audience.Import.Csv;

/// <summary>How splitting a record's text into fields ended.</summary>
internal enum SplitOutcome { Complete, Unclosed, Broken }

/// <summary>
/// Splits one record's text into fields by RFC 4180 ("" inside quotes is a quote), tolerating spaces around a quoted
/// field. Strict about the rest: a quote inside an unquoted field or text after a closing quote is broken quoting.
/// A field the program's own export escaped ('=...) is read without that quote (<see cref="SpreadsheetCsv.Restore"/>).
/// </summary>
internal sealed class FieldSplitter(char delimiter)
{
    private readonly StringBuilder _quoted = new();

    public char Delimiter => delimiter;

    /// <summary>Fills <paramref name="fields"/>; Unclosed means a quoted field runs on past the end of the text.</summary>
    public SplitOutcome Split(string text, List<string> fields, out string? problem)
    {
        fields.Clear();
        problem = null;
        var i = 0;
        while (true)
        {
            var open = SkipSpaces(text, i);
            if (open < text.Length && text[open] == '"')
            {
                _quoted.Clear();
                i = open + 1;
                while (true)
                {
                    var quote = text.IndexOf('"', i);
                    if (quote < 0) return SplitOutcome.Unclosed;
                    _quoted.Append(text, i, quote - i);
                    i = quote + 1;
                    if (i < text.Length && text[i] == '"') { _quoted.Append('"'); i++; continue; }
                    break;
                }
                fields.Add(SpreadsheetCsv.Restore(_quoted.ToString()));
                i = SkipSpaces(text, i);
                if (i == text.Length) return SplitOutcome.Complete;
                if (text[i] == delimiter) { i++; continue; }
                problem = $"broken quoting: text follows the closing quote of field {fields.Count}";
                return SplitOutcome.Broken;
            }

            var next = text.IndexOf(delimiter, i);
            var stop = next < 0 ? text.Length : next;
            var field = text.AsSpan(i, stop - i);
            if (field.Contains('"'))
            {
                problem = $"broken quoting: a quote stands inside unquoted field {fields.Count + 1}";
                return SplitOutcome.Broken;
            }
            fields.Add(SpreadsheetCsv.Restore(field.ToString()));
            if (next < 0) return SplitOutcome.Complete;
            i = next + 1;
        }
    }

    /// <summary>The delimiter a header line uses: whichever of ',', ';' and tab occurs most outside quotes (',' if none).</summary>
    public static char Detect(string headerLine)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in headerLine)
        {
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c == ',') commas++;
            else if (c == ';') semicolons++;
            else if (c == '\t') tabs++;
        }
        if (semicolons > commas && semicolons >= tabs) return ';';
        return tabs > commas ? '\t' : ',';
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && text[i] == ' ') i++;
        return i;
    }
}
