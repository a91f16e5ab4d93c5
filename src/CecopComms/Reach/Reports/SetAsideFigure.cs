namespace CecopComms.Reach.Reports;

/// <summary>
/// A figure staff entered for a period the engine's own database has a figure for: the report shows the database's and
/// says which entry it set aside, so the two are never mixed silently.
/// </summary>
public sealed record SetAsideFigure(string Label, string Period, long Value, string Source);
