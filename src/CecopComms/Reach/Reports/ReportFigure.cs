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

    /// <summary>
    /// Where the values come from: the one source when they share it ("CecopComms database"), otherwise each period's,
    /// so an entered figure is never read as the database's ("2022: CECOP activity report 2022; 2023: CecopComms database").
    /// </summary>
    public string SourceTextOf(IReadOnlyList<ReportPeriod> periods) =>
        Sources.Where(s => !string.IsNullOrEmpty(s)).Distinct().Count() <= 1 ? SourceText
            : string.Join("; ", Sources.Select((s, i) => string.IsNullOrEmpty(s) ? null : $"{periods[i].Label}: {s}").OfType<string>());
}
