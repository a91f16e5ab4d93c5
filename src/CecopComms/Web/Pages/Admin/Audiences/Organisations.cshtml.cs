using CecopComms.Audience;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Audiences;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Audiences;

/// <summary>Member organisations, filtered by country and category (as `cecop orgs list`), and a form that adds one.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class OrganisationsModel(OrganisationStore organisations, IStringLocalizer<StaffText> localizer) : PageModel
{
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }

    /// <summary>The add form, as typed.</summary>
    [BindProperty] public OrganisationForm Form { get; set; } = new();

    public string? FilterProblem { get; private set; }

    public string? Problem { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        try
        {
            var organisation = await organisations.AddAsync(Form.Name, Form.Country, Form.Category, Form.Website, cancellationToken);
            TempData["Message"] = localizer["Added {0} ({1}, {2}).", organisation.Name, organisation.Country, organisation.Category.Label()].Value;
            return RedirectToPage();
        }
        catch (AudienceException e)
        {
            Problem = e.Message;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        MemberCategory? category = MemberCategories.TryParse(Category, out var parsed) ? parsed : null;
        try
        {
            Organisations = await organisations.ListAsync(string.IsNullOrWhiteSpace(Country) ? null : Country, category, cancellationToken);
        }
        catch (AudienceException e)
        {
            FilterProblem = e.Message;
            Organisations = await organisations.ListAsync(null, category, cancellationToken);
        }
    }
}
