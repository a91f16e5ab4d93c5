using CecopComms.Content;
using CecopComms.Reach.Reports;
using CecopComms.Web.Admin.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin.Reports;

/// <summary>A campaign's reach, as `cecop report campaign` gives it: each mailing's figures, the totals and the unique reach; a link to its CSV.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class CampaignModel(AdminReports reports) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Culture { get; set; } = "en-GB";

    public CampaignReport Report { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Report = await reports.CampaignAsync(Slug, cancellationToken);
        }
        catch (ContentNotFoundException)
        {
            return NotFound();
        }
        return Page();
    }
}
