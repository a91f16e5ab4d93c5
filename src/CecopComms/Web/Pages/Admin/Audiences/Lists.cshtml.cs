using CecopComms.Audience;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Audiences;

/// <summary>Lists with their counts, and a form that creates one as `cecop lists create` does.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ListsModel(ListStore lists, IStringLocalizer<StaffText> localizer) : PageModel
{
    public IReadOnlyList<MailingList> Lists { get; private set; } = [];

    public string? Problem { get; private set; }

    [BindProperty] public string Slug { get; set; } = "";
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Description { get; set; } = "";
    [BindProperty] public bool Public { get; set; }
    [BindProperty] public bool DoubleOptIn { get; set; }
    [BindProperty] public bool MembersOnly { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Lists = await lists.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        try
        {
            var list = await lists.CreateAsync(Slug.Trim(), Name, Description, Public, DoubleOptIn, MembersOnly, cancellationToken);
            TempData["Message"] = localizer["Created the list {0} ({1}).", list.Name, list.Slug].Value;
            return RedirectToPage();
        }
        catch (AudienceException e)
        {
            Problem = e.Message;
            Lists = await lists.ListAsync(cancellationToken);
            return Page();
        }
    }
}
