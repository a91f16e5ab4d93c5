using CecopComms.Reach.Reports;

namespace CecopComms.Web.Admin;

/// <summary>The headline figures of a year's report, for the admin home page.</summary>
public sealed record YearAtAGlance(int Year, IReadOnlyList<ReportFigure> Subscribers, IReadOnlyList<ReportFigure> Editions, ReportFigure Reach);
