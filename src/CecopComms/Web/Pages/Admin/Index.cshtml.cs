using CecopComms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin;

/// <summary>The admin home page: mailings scheduled, running or paused, with their progress. Behind the admin policy.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(AdminDashboard dashboard) : PageModel
{
    public IReadOnlyList<MailingInProgress> Mailings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Mailings = await dashboard.MailingsInProgressAsync(cancellationToken);
}
