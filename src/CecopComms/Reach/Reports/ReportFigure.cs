namespace CecopComms.Reach.Reports;

/// <summary>
/// One line of a report: a figure's value in each period (oldest first; null where there is none), where each value
/// comes from, and the key of the definition that says how it is computed.
/// </summary>
public sealed record ReportFigure(string Key, string Section, string Label, IReadOnlyList<long?> Values, IReadOnlyList<string?> Sources, string Definition)
{
    /// <summary>Growth of each period over the one before it, in per cent (null for the first period and where it cannot be computed).</summary>
    public IReadOnlyList<decimal?> Growths => Values.Select((v, i) => i == 0 ? null : Growth.Percent(Values[i - 1], v)).ToArray();

    /// <summary>The distinct sources, joined: "CecopComms database" or "X analytics; CECOP activity report 2023".</summary>
    public string SourceText => string.Join("; ", Sources.Where(s => !string.IsNullOrEmpty(s)).Distinct());
}
