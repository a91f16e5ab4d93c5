using System.Globalization;
using System.Text;
using CecopComms.Content;

namespace CecopComms.Content.Rendering;

/// <summary>
/// A text compiled once for all recipients: fixed parts with numbered holes between them. Rendering appends the
/// parts and each hole's value, made safe for <see cref="Kind"/>; no template or CSS work happens per recipient.
/// </summary>
public sealed class CompiledText
{
    private readonly string[] _parts;   // _parts.Length == _holes.Length + 1
    private readonly Slot[] _holes;
    private readonly int _fixedLength;

    private CompiledText(OutputKind kind, string[] parts, Slot[] holes)
    {
        Kind = kind;
        _parts = parts;
        _holes = holes;
        _fixedLength = parts.Sum(p => p.Length);
    }

    public OutputKind Kind { get; }

    /// <summary>The text with every marker of <paramref name="table"/> cut out as a hole.</summary>
    public static CompiledText Split(string text, SlotTable table, OutputKind kind)
    {
        var parts = new List<string>();
        var holes = new List<Slot>();
        var start = 0;
        while (true)
        {
            var open = text.IndexOf(SlotTable.Open, start);
            var close = open < 0 ? -1 : text.IndexOf(SlotTable.Close, open);
            if (close < 0) break;
            var number = int.Parse(text.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture);
            parts.Add(text[start..open]);
            holes.Add(table.Slots[number]);
            start = close + 1;
        }
        parts.Add(text[start..]);
        if (kind == OutputKind.Subject) for (var i = 0; i < parts.Count; i++) parts[i] = Safe(parts[i], kind);
        return new CompiledText(kind, [.. parts], [.. holes]);
    }

    /// <summary>The holes, in order, for checks and link lists.</summary>
    public IReadOnlyList<Slot> Holes => _holes;

    public string Render(RecipientData recipient, RecipientLinks links)
    {
        var text = new StringBuilder(_fixedLength + 64 * _holes.Length);
        for (var i = 0; i < _holes.Length; i++)
        {
            text.Append(_parts[i]);
            Append(text, _holes[i], recipient, links);
        }
        text.Append(_parts[^1]);
        return Kind == OutputKind.Subject ? text.ToString().Trim() : text.ToString();
    }

    private void Append(StringBuilder text, Slot slot, RecipientData recipient, RecipientLinks links)
    {
        switch (slot.Kind)
        {
            case SlotKind.Recipient:
                var value = RecipientField(recipient, slot.Argument);
                Escape(text, string.IsNullOrWhiteSpace(value) ? slot.Fallback : value, Kind, recipientData: true);
                break;
            case SlotKind.UnsubscribeUrl:
                Escape(text, links.UnsubscribeUrl, Kind, recipientData: false);
                break;
            case SlotKind.PreferencesUrl:
                Escape(text, links.PreferencesUrl, Kind, recipientData: false);
                break;
            case SlotKind.Link:
                Escape(text, links.TrackClick is { } track ? track(slot.Argument) : slot.Argument, Kind, recipientData: false);
                break;
            case SlotKind.OpenPixel when links.OpenPixelUrl is { } pixel && Kind == OutputKind.Html:
                text.Append("<img src=\"");
                Escape(text, pixel, Kind, recipientData: false);
                text.Append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\">");
                break;
        }
    }

    private static string? RecipientField(RecipientData recipient, string field) => field switch
    {
        "name" => recipient.Name,
        "email" => recipient.Email,
        "organisation" => recipient.OrganisationName,
        "country" => recipient.Country,
        _ when field.StartsWith("attr:", StringComparison.Ordinal) => recipient.Attributes.GetValueOrDefault(field[5..]),
        _ => null,
    };

    private static void Escape(StringBuilder text, string value, OutputKind kind, bool recipientData)
    {
        foreach (var ch in value)
        {
            if (kind == OutputKind.Html)
            {
                switch (ch)
                {
                    case '&': text.Append("&amp;"); continue;
                    case '<': text.Append("&lt;"); continue;
                    case '>': text.Append("&gt;"); continue;
                    case '"': text.Append("&quot;"); continue;
                    case '\'': text.Append("&#39;"); continue;
                }
            }
            if (char.IsControl(ch))
            {
                // Recipient data never brings line breaks or control characters into a message.
                if (kind == OutputKind.Subject || recipientData) { text.Append(' '); continue; }
            }
            text.Append(ch);
        }
    }

    private static string Safe(string fixedText, OutputKind kind)
    {
        var text = new StringBuilder(fixedText.Length);
        Escape(text, fixedText, kind, recipientData: true);
        return text.ToString();
    }
}
