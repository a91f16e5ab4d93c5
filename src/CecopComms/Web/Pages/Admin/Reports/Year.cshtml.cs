using System.Text;
using CecopComms.Reach;
using CecopComms.Reach.Formats;
using CecopComms.Web.Admin.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin.Reports;

/// <summary>
/// The year report as a file to download, byte for byte what `cecop report year --format csv|html --out` writes (the
/// CSV with a byte order mark, so spreadsheet programs read its accents right). Same query as the report page.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class YearModel(AdminReports reports) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Format { get; set; } = "";
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Compare { get; set; }
    [BindProperty(SupportsGet = true)] public string Culture { get; set; } = "en-GB";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Format is not ("csv" or "html")) return NotFound();
        try
        {
            var year = Year ?? reports.CurrentYear();
            var report = await reports.YearAsync(year, YearList.Parse(Compare), Culture, cancellationToken);
            var name = $"cecop-year-{string.Join("-", report.Periods.Select(p => p.Label))}.{Format}";
            return Format == "csv"
                ? File(new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(YearReportCsv.Write(report))).ToArray(), "text/csv; charset=utf-8", name)
                : File(Encoding.UTF8.GetBytes(YearReportHtml.Write(report)), "text/html; charset=utf-8", name);
        }
        catch (ReachException e)
        {
            return BadRequest(e.Message);
        }
    }
}
