using System.Globalization;
using CecopComms.Content.Campaigns;
using CecopComms.Reach;
using CecopComms.Reach.Formats;
using CecopComms.Reach.Reports;
using CecopComms.Web.Admin.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin.Reports;

/// <summary>
/// The year in numbers for a chosen year and the years to compare with, as `cecop report year` computes it: the figures
/// with growth and sources, the SVG charts inline, downloads as CSV and HTML, and the campaigns whose reach can be read.
/// A GET form, so a report is a link that can be bookmarked and shared between staff.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(AdminReports reports, CampaignStore campaigns) : PageModel
{
    /// <summary>The report's year; the current year when empty.</summary>
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    /// <summary>Years to compare with, as typed: "2022, 2023".</summary>
    [BindProperty(SupportsGet = true)] public string? Compare { get; set; }

    [BindProperty(SupportsGet = true)] public string Culture { get; set; } = "en-GB";

    public YearReport? Report { get; private set; }
    public string? Problem { get; private set; }
    public IReadOnlyList<Campaign> Campaigns { get; private set; } = [];

    /// <summary>The query of this report, for the download links.</summary>
    public string Query { get; private set; } = "";

    public CultureInfo ReportCultureInfo => ReportCulture.Get(Report?.Culture ?? "en-GB");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Campaigns = await campaigns.ListAsync(cancellationToken);
        try
        {
            Year ??= reports.CurrentYear();
            var compare = YearList.Parse(Compare);
            Report = await reports.YearAsync(Year.Value, compare, Culture, cancellationToken);
            Query = YearList.Query(Year.Value, compare, Report.Culture);
        }
        catch (ReachException e)
        {
            Problem = e.Message;
        }
    }
}
