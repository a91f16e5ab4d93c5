namespace CecopComms.Reach.Channels;

/// <summary>
/// The metrics a channel figure may be entered for (a fixed list, so a typo is refused with the accepted names), and how
/// a channel written by a person is found among the channels staff keep (table channels, <see cref="ChannelStore"/>).
/// </summary>
public static class ChannelCatalogue
{
    private static readonly (string Key, string Name)[] MetricNames =
    [
        ("followers", "followers"), ("users", "users"), ("visitors", "visitors"), ("unique-page-views", "unique page views"),
    ];

    /// <summary>Accepted metric keys, in report order.</summary>
    public static IReadOnlyList<string> Metrics { get; } = MetricNames.Select(m => m.Key).ToArray();

    /// <summary>
    /// The channel a person meant ("Twitter", "X", "twitter/x", "Bluesky", "bluesky"): by key or name, case aside; null
    /// when it is none of <paramref name="channels"/>.
    /// </summary>
    public static Channel? Find(string text, IReadOnlyList<Channel> channels)
    {
        var written = text.Trim();
        var key = written.ToLowerInvariant() switch
        {
            "x" or "twitter/x" or "twitter / x" or "x (twitter)" => "twitter",
            var other => other,
        };
        return channels.FirstOrDefault(c => c.Key == key)
            ?? channels.FirstOrDefault(c => string.Equals(c.Name, written, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The key of a metric ("Unique page views" → unique-page-views), or null when unknown.</summary>
    public static string? NormaliseMetric(string text)
    {
        var key = string.Join('-', text.Trim().ToLowerInvariant().Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries));
        return Metrics.Contains(key) ? key : null;
    }

    /// <summary>"Twitter / X followers", from the channel's name and the metric's key.</summary>
    public static string Label(string channelName, string metric)
    {
        var what = MetricNames.FirstOrDefault(m => m.Key == metric).Name ?? metric;
        return $"{channelName} {what}";
    }

    /// <summary>Sort position of a channel (its position in table channels) and metric in reports.</summary>
    public static int Order(int channelPosition, string metric) => channelPosition * 10 + Array.FindIndex(MetricNames, m => m.Key == metric);
}
