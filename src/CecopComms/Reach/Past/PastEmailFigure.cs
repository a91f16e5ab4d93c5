namespace CecopComms.Reach.Past;

/// <summary>
/// One entry of a past e-mail figure (table past_email_figures): a year's subscribers at year end, editions sent or
/// people reached, for a publication or the mailing list as a whole, from CECOP's records, with its source.
/// </summary>
public sealed record PastEmailFigure
{
    public long Id { get; init; }
    public int Year { get; init; }
    /// <summary>A publication's slug, or "" for the mailing list as a whole.</summary>
    public string Publication { get; init; } = "";
    /// <summary>subscribers, editions or reach.</summary>
    public string Figure { get; init; } = "";
    public long Value { get; init; }
    /// <summary>"CECOP activity report 2023, p. 12".</summary>
    public string Source { get; init; } = "";
    public DateTimeOffset EnteredAt { get; init; }
    public string EnteredBy { get; init; } = "";
}
