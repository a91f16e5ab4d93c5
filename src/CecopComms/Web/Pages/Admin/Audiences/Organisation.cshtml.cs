using CecopComms.Audience;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Audiences;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Audiences;

/// <summary>
/// One organisation: its details in a form that changes them, its contact persons, and its deletion after a
/// confirmation step that says its contacts stay subscribers without an organisation.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class OrganisationModel(OrganisationStore organisations, SubscriberStore subscribers, ActivityLog activity, IStringLocalizer<StaffText> localizer) : PageModel
{
    public Organisation? Organisation { get; private set; }

    public IReadOnlyList<Subscriber> Contacts { get; private set; } = [];

    [BindProperty] public OrganisationForm Form { get; set; } = new();

    public string? Problem { get; private set; }

    /// <summary>The delete confirmation step (?confirm=delete), or null.</summary>
    public ConfirmStep? ConfirmingDelete { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? confirm, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var o = Organisation!;
        Form = new OrganisationForm { Name = o.Name, Country = o.Country, Category = o.Category.ToDb(), Website = o.Website };
        if (confirm == "delete" && User.CanEdit()) ConfirmingDelete = DeleteStep(o);
        return Page();
    }

    /// <summary>Deletes only when the confirmation form's field says so; otherwise shows the confirmation step.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(long id, string? confirmed, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        if (confirmed != "yes") return RedirectToPage(new { id, confirm = "delete" });
        try
        {
            var (organisation, unlinked) = await organisations.DeleteAsync(id, cancellationToken);
            await activity.RecordAsync(User, "delete-organisation", organisation.Name, $"Deleted; {unlinked} contact persons stay subscribers without an organisation.");
            TempData["Message"] = localizer["Deleted {0}; {1:N0} contact persons stay subscribers without an organisation.", organisation.Name, unlinked].Value;
            return RedirectToPage("Organisations");
        }
        catch (AudienceException)
        {
            return NotFound();
        }
    }

    private ConfirmStep DeleteStep(Organisation o) => new(
        $"/admin/audiences/organisations/{o.Id}?handler=Delete",
        localizer["Delete {0}?", o.Name],
        [
            o.ContactCount == 0
                ? localizer["It has no contact persons."]
                : localizer["Its {0:N0} contact persons stay subscribers, without an organisation: members-only lists no longer reach them.", o.ContactCount],
            localizer["This cannot be undone."],
        ],
        localizer["Yes, delete {0}", o.Name],
        localizer["No, keep it"],
        $"/admin/audiences/organisations/{o.Id}");

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
