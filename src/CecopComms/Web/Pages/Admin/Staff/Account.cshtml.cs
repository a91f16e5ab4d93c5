using CecopComms.Localization;
using CecopComms.Web.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Staff;

/// <summary>
/// One staff account (admins only): change its role, set a new password (which also lifts a lockout), lock and unlock
/// it. A new role, a new password and a lock end the account's sessions.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class AccountModel(UserStore users, ActivityLog activity, IStringLocalizer<StaffText> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty] public string Role { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string Repeat { get; set; } = "";

    public User Account { get; private set; } = new();
    public string? Problem { get; private set; }

    // Every handler of the page, GET included: editors and viewers get 403 (the cookie's Forbid would send them to sign in again).
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (!User.CanAdminister()) context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await users.GetAsync(Id, cancellationToken) is not { } account) return NotFound();
        Account = account;
        return Page();
    }

    public Task<IActionResult> OnPostRoleAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async () =>
        {
            var changed = await users.ChangeRoleAsync(Id, Role ?? "", cancellationToken);
            if (changed.Role != Account.Role) await activity.RecordAsync(User, "role-change", changed.Email, $"Role {Account.Role} → {changed.Role}.");
            return localizer["{0} is now {1}.", changed.Email, Role ?? ""].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async () =>
        {
            if (Password != Repeat) throw new UserException(localizer["The two passwords are not the same; type the new password twice."]);
            return localizer["{0} has a new password.", (await users.ResetPasswordAsync(Id, Password ?? "", cancellationToken)).Email].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostLockAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async () => localizer["{0} is locked: signed out everywhere, and cannot sign in until unlocked.", (await users.LockAsync(Id, cancellationToken)).Email].Value, cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async () => localizer["{0} is unlocked and can sign in again.", (await users.UnlockAsync(Id, cancellationToken)).Email].Value, cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<Task<string>> change, CancellationToken cancellationToken)
    {
        if (await users.GetAsync(Id, cancellationToken) is not { } account) return NotFound();
        Account = account;
        try
        {
            TempData["Message"] = await change();
            return RedirectToPage();
        }
        catch (UserException e)
        {
            Problem = e.Message;
            return Page();
        }
    }
}
