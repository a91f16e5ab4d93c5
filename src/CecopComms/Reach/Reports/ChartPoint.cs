namespace CecopComms.Reach.Reports;

/// <summary>One point of a chart series: its label on the axis ("2023-03", "2022") and its value.</summary>
public sealed record ChartPoint(string Label, long Value);
