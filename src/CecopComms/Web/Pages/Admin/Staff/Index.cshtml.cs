using CecopComms.Localization;
using CecopComms.Web.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Staff;

/// <summary>Staff accounts (admins only): the list with role, last sign-in and lockout, and a form to add one. Hashes never leave the store.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(UserStore users, IStringLocalizer<StaffText> localizer) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Role { get; set; } = "viewer";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string Repeat { get; set; } = "";

    public IReadOnlyList<User> Users { get; private set; } = [];
    public string? Problem { get; private set; }

    // Every handler of the page, GET included: editors and viewers get 403 (the cookie's Forbid would send them to sign in again).
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (!User.CanAdminister()) context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Users = await users.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (Password != Repeat) throw new UserException(localizer["The two passwords are not the same; type the new password twice."]);
            var user = await users.AddAsync(Email ?? "", Name ?? "", Role ?? "", Password ?? "", cancellationToken);
            TempData["Message"] = localizer["{0} can now sign in as {1}.", user.Email, user.Role].Value;
            return RedirectToPage();
        }
        catch (UserException e)
        {
            Problem = e.Message;
            Users = await users.ListAsync(cancellationToken);
            return Page();
        }
    }
}
