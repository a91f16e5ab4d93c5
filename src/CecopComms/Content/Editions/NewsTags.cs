namespace CecopComms.Content.Editions;

/// <summary>The tags CECOP files its news under.</summary>
public static class NewsTags
{
    public static readonly IReadOnlyList<string> All = ["News", "Publication", "Event", "Position paper", "Press release", "EaSI / ESF+ programme"];

    /// <summary>The tag as CECOP writes it, matched without regard to case; null when it is not one of <see cref="All"/>.</summary>
    public static string? Find(string tag) => All.FirstOrDefault(t => string.Equals(t, tag.Trim(), StringComparison.OrdinalIgnoreCase));
}
