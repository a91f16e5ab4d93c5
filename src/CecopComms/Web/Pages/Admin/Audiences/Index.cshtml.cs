using CecopComms.Audience;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin.Audiences;

/// <summary>The audiences overview: every list with its subscriptions per status (as `cecop lists list`), and the way to the rest.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(ListStore lists) : PageModel
{
    public IReadOnlyList<MailingList> Lists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Lists = await lists.ListAsync(cancellationToken);
}
