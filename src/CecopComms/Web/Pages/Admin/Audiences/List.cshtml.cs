using CecopComms.Audience;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Audiences;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Audiences;

/// <summary>
/// One list: its details and counts, a form that changes its name, description, visibility and double opt-in (the slug
/// and the members-only rule stay), and its deletion after a confirmation step that says how many subscriptions go
/// with it; a list that a publication, campaign, segment, active schedule or unfinished mailing uses is not deleted.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class MailingListModel(ListStore lists, ActivityLog activity, IStringLocalizer<StaffText> localizer, Microsoft.Extensions.Options.IOptions<LanguageOptions> languages) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";

    public MailingList List { get; private set; } = null!;

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Description { get; set; } = "";
    /// <summary>The description in each shipped language other than English, by tag; the public pages show it to readers of that language.</summary>
    [BindProperty] public Dictionary<string, string> Translations { get; set; } = [];
    /// <summary>The shipped languages a description can be written in besides English.</summary>
    public IReadOnlyList<string> OtherLanguages => languages.Value.Tags.Where(t => t != ReaderWords.English).ToList();
    [BindProperty] public bool Public { get; set; }
    [BindProperty] public bool DoubleOptIn { get; set; }

    /// <summary>The delete confirmation step (?confirm=delete), or null.</summary>
    public ConfirmStep? ConfirmingDelete { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? confirm, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        Fill();
        if (confirm == "delete" && User.CanEdit())
        {
            var uses = await lists.UsesAsync(List, cancellationToken);
            if (uses.Count > 0) Problem = ListStore.InUse(List, uses).Message;
            else ConfirmingDelete = DeleteStep();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        try
        {
            var list = await lists.UpdateAsync(Slug, Name, Description,
                OtherLanguages.ToDictionary(t => t, t => Translations.GetValueOrDefault(t) ?? ""), Public, DoubleOptIn, cancellationToken);
            TempData["Message"] = localizer["Saved the list {0} ({1}).", list.Name, list.Slug].Value;
            return RedirectToPage(new { slug = Slug });
        }
        catch (AudienceException e)
        {
            Problem = e.Message;
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }
    }

    /// <summary>Deletes only when the confirmation form's field says so; otherwise shows the confirmation step.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string? confirmed, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        if (confirmed != "yes") return RedirectToPage(new { slug = Slug, confirm = "delete" });
        try
        {
            var list = await lists.DeleteAsync(Slug, cancellationToken);
            await activity.RecordAsync(User, "delete-list", list.Slug, $"Deleted the list {list.Name} and its {Subscriptions(list)} subscriptions.");
            TempData["Message"] = localizer["Deleted the list {0} ({1}) and its {2:N0} subscriptions.", list.Name, list.Slug, Subscriptions(list)].Value;
            return RedirectToPage("Lists");
        }
        catch (AudienceException e)
        {
            if (!await LoadAsync(cancellationToken)) return NotFound();
            Problem = e.Message;
            Fill();
            return Page();
        }
    }

    private void Fill()
    {
        (Name, Description, Public, DoubleOptIn) = (List.Name, List.Description, List.Visibility == "public", List.DoubleOptIn);
        Translations = new Dictionary<string, string>(List.Translations());
    }

    private static long Subscriptions(MailingList list) => list.Confirmed + list.Unconfirmed + list.Unsubscribed;

    private ConfirmStep DeleteStep() => new(
        $"/admin/audiences/lists/{Uri.EscapeDataString(List.Slug)}?handler=Delete",
        localizer["Delete the list {0}?", List.Name],
        [
            localizer["Its {0:N0} subscriptions go with it: {1:N0} confirmed, {2:N0} unconfirmed and {3:N0} unsubscribed. Consent records stay, without the list.",
                Subscriptions(List), List.Confirmed, List.Unconfirmed, List.Unsubscribed],
            localizer["This cannot be undone."],
        ],
        localizer["Yes, delete {0} and its subscriptions", List.Name],
        localizer["No, keep it"],
        $"/admin/audiences/lists/{Uri.EscapeDataString(List.Slug)}");

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await lists.FindAsync(Slug, cancellationToken) is not { } list) return false;
        List = list;
        return true;
    }
}
