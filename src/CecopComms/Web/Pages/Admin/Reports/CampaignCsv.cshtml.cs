using System.Text;
using CecopComms.Content;
using CecopComms.Reach.Formats;
using CecopComms.Web.Admin.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin.Reports;

/// <summary>A campaign's report as a CSV file to download: what `cecop report campaign SLUG --format csv --out` writes, byte order mark included.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class CampaignCsvModel(AdminReports reports) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await reports.CampaignAsync(Slug, cancellationToken);
            var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(CampaignReportWriter.Csv(report))).ToArray();
            return File(bytes, "text/csv; charset=utf-8", $"cecop-campaign-{report.Slug}.csv");
        }
        catch (ContentNotFoundException)
        {
            return NotFound();
        }
    }
}
