using CecopComms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin;

/// <summary>
/// The admin home page: the next scheduled sends with their local time, mailings scheduled, running or paused with their
/// progress, and this year at a glance. Behind the admin policy. It refreshes itself while a mailing runs.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(AdminDashboard dashboard) : PageModel
{
    /// <summary>How many upcoming sends are listed.</summary>
    public const int UpcomingCount = 5;

    public IReadOnlyList<Delivery.Mailing> Mailings { get; private set; } = [];
    public IReadOnlyList<UpcomingSend> Upcoming { get; private set; } = [];
    public YearAtAGlance Year { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Mailings = await dashboard.MailingsInProgressAsync(cancellationToken);
        Upcoming = await dashboard.NextSendsAsync(UpcomingCount, cancellationToken);
        Year = await dashboard.ThisYearAsync(cancellationToken);
    }
}
