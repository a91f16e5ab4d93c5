namespace CecopComms.Reach.Reports;

/// <summary>A named series of points for a chart: a list's subscribers per month end, a channel's figure per year.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);
