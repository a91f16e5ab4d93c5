using CecopComms.Audience;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Audiences;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Audiences;

/// <summary>One organisation: its details in a form that changes them, and its contact persons.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class OrganisationModel(OrganisationStore organisations, SubscriberStore subscribers, IStringLocalizer<StaffText> localizer) : PageModel
{
    public Organisation? Organisation { get; private set; }

    public IReadOnlyList<Subscriber> Contacts { get; private set; } = [];

    [BindProperty] public OrganisationForm Form { get; set; } = new();

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var o = Organisation!;
        Form = new OrganisationForm { Name = o.Name, Country = o.Country, Category = o.Category.ToDb(), Website = o.Website };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        try
        {
            var organisation = await organisations.UpdateAsync(id, Form.Name, Form.Country, Form.Category, Form.Website, cancellationToken);
            TempData["Message"] = localizer["Saved {0}.", organisation.Name].Value;
            return RedirectToPage(new { id });
        }
        catch (AudienceException e)
        {
            Problem = e.Message;
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        Organisation = await organisations.FindAsync(id, cancellationToken);
        if (Organisation is null) return false;
        Contacts = await subscribers.ContactsAsync(id, cancellationToken);
        return true;
    }
}
