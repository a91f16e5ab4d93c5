namespace CecopComms.Reach.Channels;

/// <summary>
/// The channels and metrics a figure may be entered for. A fixed list, so a typo ("twiter") is refused with the
/// accepted names instead of starting a new line in the report.
/// </summary>
public static class ChannelCatalogue
{
    private static readonly (string Key, string Name)[] ChannelNames =
    [
        ("twitter", "Twitter / X"), ("facebook", "Facebook"), ("linkedin", "LinkedIn"), ("instagram", "Instagram"),
        ("youtube", "YouTube"), ("website", "Website"),
        // The activity report 2023 gives a fourth social channel's figures without naming it.
        ("other", "Other channel (unnamed)"),
    ];

    private static readonly (string Key, string Name)[] MetricNames =
    [
        ("followers", "followers"), ("users", "users"), ("visitors", "visitors"), ("unique-page-views", "unique page views"),
    ];

    /// <summary>Accepted channel keys, in report order.</summary>
    public static IReadOnlyList<string> Channels { get; } = ChannelNames.Select(c => c.Key).ToArray();

    /// <summary>Accepted metric keys, in report order.</summary>
    public static IReadOnlyList<string> Metrics { get; } = MetricNames.Select(m => m.Key).ToArray();

    /// <summary>The key of a channel as written by a person ("Twitter", "X", "twitter/x"), or null when unknown.</summary>
    public static string? NormaliseChannel(string text)
    {
        var key = text.Trim().ToLowerInvariant();
        return key switch
        {
            "x" or "twitter/x" or "twitter / x" or "x (twitter)" => "twitter",
            _ => Channels.Contains(key) ? key : null,
        };
    }

    /// <summary>The key of a metric ("Unique page views" → unique-page-views), or null when unknown.</summary>
    public static string? NormaliseMetric(string text)
    {
        var key = string.Join('-', text.Trim().ToLowerInvariant().Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries));
        return Metrics.Contains(key) ? key : null;
    }

    /// <summary>"Twitter / X followers".</summary>
    public static string Label(string channel, string metric)
    {
        var name = ChannelNames.FirstOrDefault(c => c.Key == channel).Name ?? channel;
        var what = MetricNames.FirstOrDefault(m => m.Key == metric).Name ?? metric;
        return $"{name} {what}";
    }

    /// <summary>Sort position of a channel and metric in reports.</summary>
    public static int Order(string channel, string metric) =>
        Array.FindIndex(ChannelNames, c => c.Key == channel) * 10 + Array.FindIndex(MetricNames, m => m.Key == metric);
}
