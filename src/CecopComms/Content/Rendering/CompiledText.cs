using System.Buffers;
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
        // Two passes: the holes' values first, then one string of the exact length; no builder, no copies.
        var values = ArrayPool<string>.Shared.Rent(_holes.Length);
        try
        {
            var length = _fixedLength;
            for (var i = 0; i < _holes.Length; i++) length += (values[i] = Value(_holes[i], recipient, links)).Length;
            var text = string.Create(length, (Parts: _parts, Values: values), static (span, state) =>
            {
                var at = 0;
                for (var i = 0; i < state.Parts.Length; i++)
                {
                    state.Parts[i].AsSpan().CopyTo(span[at..]);
                    at += state.Parts[i].Length;
                    if (i == state.Parts.Length - 1) break;
                    state.Values[i].AsSpan().CopyTo(span[at..]);
                    at += state.Values[i].Length;
                }
            });
            return Kind == OutputKind.Subject ? text.Trim() : text;
        }
        finally
        {
            Array.Clear(values, 0, _holes.Length);
            ArrayPool<string>.Shared.Return(values);
        }
    }

    private string Value(Slot slot, RecipientData recipient, RecipientLinks links)
    {
        switch (slot.Kind)
        {
            case SlotKind.Recipient:
                var value = RecipientField(recipient, slot.Argument);
                return Escape(string.IsNullOrWhiteSpace(value) ? slot.Fallback : value, Kind, recipientData: true);
            case SlotKind.UnsubscribeUrl:
                return Escape(links.UnsubscribeUrl, Kind, recipientData: false);
            case SlotKind.PreferencesUrl:
                return Escape(links.PreferencesUrl, Kind, recipientData: false);
            case SlotKind.Link:
                return Escape(links.TrackClick is { } track ? track(slot.Argument) : slot.Argument, Kind, recipientData: false);
            case SlotKind.OpenPixel when links.OpenPixelUrl is { } pixel && Kind == OutputKind.Html:
                return $"<img src=\"{Escape(pixel, Kind, recipientData: false)}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\">";
            default:
                return "";
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

    private static readonly SearchValues<char> HtmlSpecial = SearchValues.Create("&<>\"'");

    /// <summary>The value made safe for <paramref name="kind"/>; the value itself when nothing needs changing.</summary>
    private static string Escape(string value, OutputKind kind, bool recipientData)
    {
        var control = (kind == OutputKind.Subject || recipientData) && value.AsSpan().ContainsAnyInRange('\0', '\u001F');
        if (!control && (kind != OutputKind.Html || !value.AsSpan().ContainsAny(HtmlSpecial)) && !value.Contains('\u007F')) return value;
        var text = new StringBuilder(value.Length + 16);
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
            // Recipient data never brings line breaks or control characters into a message.
            if (char.IsControl(ch) && (kind == OutputKind.Subject || recipientData)) { text.Append(' '); continue; }
            text.Append(ch);
        }
        return text.ToString();
    }

    private static string Safe(string fixedText, OutputKind kind) => Escape(fixedText, kind, recipientData: true);
}
