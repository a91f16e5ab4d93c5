using CecopComms.Localization;

namespace CecopComms.Content.Editions;

/// <summary>The tags CECOP's website gives its news items, as written in editions, and the key of each in the reader's words.</summary>
public static class NewsTags
{
    private static readonly IReadOnlyList<(string Tag, string Key)> Tags =
    [
        ("News", "tag.news"),
        ("Publication", "tag.publication"),
        ("Event", "tag.event"),
        ("Position paper", "tag.position_paper"),
        ("Press release", "tag.press_release"),
        ("EaSI / ESF+ programme", "tag.easi_esf"),
    ];

    public static readonly IReadOnlyList<string> All = Tags.Select(t => t.Tag).ToList();

    /// <summary>The tag as CECOP writes it, matched without regard to case; null when it is not one of <see cref="All"/>.</summary>
    public static string? Find(string tag) => All.FirstOrDefault(t => string.Equals(t, tag.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The tag in <paramref name="language"/>: "Position paper" is "Prise de position" in French.</summary>
    public static string Word(string tag, string language) =>
        Tags.FirstOrDefault(t => t.Tag == tag) is { Key: { } key } ? ReaderWords.Get(key, language) : tag;
}
