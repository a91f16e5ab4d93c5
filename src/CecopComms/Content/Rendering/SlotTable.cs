using System.Globalization;

namespace CecopComms.Content.Rendering;

/// <summary>
/// The holes of one language's compile. A template prints a marker for each (two private-use characters around its
/// number); the marker survives the templates' escaping, CSS inlining and text derivation, and is cut out at the end.
/// </summary>
public sealed class SlotTable
{
    public const char Open = '\uE000';
    public const char Close = '\uE001';

    private readonly List<Slot> _slots = [];
    private readonly Dictionary<Slot, int> _index = [];

    public IReadOnlyList<Slot> Slots => _slots;

    /// <summary>The marker standing for <paramref name="slot"/> (the same marker for the same slot).</summary>
    public string Marker(Slot slot)
    {
        if (!_index.TryGetValue(slot, out var number))
        {
            number = _slots.Count;
            _slots.Add(slot);
            _index[slot] = number;
        }
        return $"{Open}{number.ToString(CultureInfo.InvariantCulture)}{Close}";
    }

    /// <summary>The slot a whole text stands for, when the text is exactly one marker.</summary>
    public Slot? Only(string text) =>
        text.Length > 2 && text[0] == Open && text[^1] == Close && int.TryParse(text.AsSpan(1, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < _slots.Count
            ? _slots[n]
            : null;

    /// <summary>Removes marker characters from author-written text so content can never forge a slot.</summary>
    public static string Clean(string text) =>
        text.Contains(Open) || text.Contains(Close) ? text.Replace(Open.ToString(), "").Replace(Close.ToString(), "") : text;
}
