namespace CecopComms.Reach.Channels;

/// <summary>A channel staff keep figures for (table channels): its key for good, its name as reports show it, its place in them.</summary>
public sealed record Channel
{
    /// <summary>twitter, facebook…, or made from the name when staff added it ("bluesky").</summary>
    public string Key { get; init; } = "";
    /// <summary>"Twitter / X", "Bluesky".</summary>
    public string Name { get; init; } = "";
    /// <summary>Report order, 1 first.</summary>
    public int Position { get; init; }
}
