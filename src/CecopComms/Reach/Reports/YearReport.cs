namespace CecopComms.Reach.Reports;

/// <summary>
/// The "year in numbers": every figure per period with its growth and source, how each is computed, and the series the
/// HTML charts draw. Built by <see cref="YearReportBuilder"/>; written by the formatters in Reach/Formats.
/// </summary>
public sealed record YearReport
{
    public string Title { get; init; } = "";
    /// <summary>Oldest first.</summary>
    public IReadOnlyList<ReportPeriod> Periods { get; init; } = [];
    public string TimeZone { get; init; } = "";
    /// <summary>"en-GB", "fr-BE", "it-IT": how numbers and growth are written.</summary>
    public string Culture { get; init; } = "en-GB";
    public DateTimeOffset GeneratedAt { get; init; }
    public IReadOnlyList<ReportFigure> Figures { get; init; } = [];
    /// <summary>Definition key → how the figure is computed, in a sentence or two.</summary>
    public IReadOnlyDictionary<string, string> Definitions { get; init; } = new Dictionary<string, string>();
    /// <summary>Each channel figure over every year known up to the report's last year.</summary>
    public IReadOnlyList<ChartSeries> ChannelSeries { get; init; } = [];
    /// <summary>Confirmed subscribers of each list at each month end of the report's span.</summary>
    public IReadOnlyList<ChartSeries> SubscriberSeries { get; init; } = [];
    /// <summary>Editions sent per month of the report's span, one series per publication.</summary>
    public IReadOnlyList<ChartSeries> EditionSeries { get; init; } = [];
    /// <summary>Past e-mail figures entered for a period the database has its own figure for: shown as not used.</summary>
    public IReadOnlyList<SetAsideFigure> SetAside { get; init; } = [];
    /// <summary>Whether opens and clicks were tracked (Tracking:Enabled, or events recorded in the period).</summary>
    public bool Tracked { get; init; }
}
