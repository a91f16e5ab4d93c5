namespace CecopComms.Audience;

/// <summary>Something that sends to a list or names it, which keeps the list from being deleted.</summary>
public sealed record ListUse
{
    /// <summary>publication, campaign, segment, schedule or mailing.</summary>
    public string Kind { get; init; } = "";
    public long Id { get; init; }
    /// <summary>Its name (a mailing's title; empty for a schedule).</summary>
    public string Name { get; init; } = "";

    /// <summary>"the publication CECOP Link", "active schedule 4", "mailing 12 (CECOP Link #9 - 2023), not yet finished".</summary>
    public override string ToString() => Kind switch
    {
        "schedule" => $"active schedule {Id}",
        "mailing" => $"mailing {Id} ({Name}), not yet finished",
        _ => $"the {Kind} {Name}",
    };

    /// <summary>The uses as one phrase: "a, b and c".</summary>
    public static string Describe(IReadOnlyList<ListUse> uses) =>
        uses.Count == 1 ? uses[0].ToString() : string.Join(", ", uses.Take(uses.Count - 1)) + " and " + uses[^1];
}
