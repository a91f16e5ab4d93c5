namespace CecopComms.Reach.Channels;

/// <summary>One entry of a channel figure (table channel_figures): a number from outside the engine, where it came from, who entered it.</summary>
public sealed record ChannelFigure
{
    public long Id { get; init; }
    /// <summary>The channel's key (table channels): twitter, facebook, linkedin… or one staff added.</summary>
    public string Channel { get; init; } = "";
    /// <summary>The channel's name as reports show it: "Twitter / X", "Bluesky".</summary>
    public string ChannelName { get; init; } = "";
    /// <summary>The channel's place in reports.</summary>
    public int ChannelPosition { get; init; }
    /// <summary>followers, users, visitors or unique-page-views.</summary>
    public string Metric { get; init; } = "";
    public int Year { get; init; }
    public long Value { get; init; }
    public string Source { get; init; } = "";
    public DateTimeOffset EnteredAt { get; init; }
    public string EnteredBy { get; init; } = "";

    /// <summary>"Twitter / X followers", "Website unique page views".</summary>
    public string Label => ChannelCatalogue.Label(ChannelName, Metric);
}
