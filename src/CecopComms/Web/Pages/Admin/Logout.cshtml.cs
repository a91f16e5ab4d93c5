using CecopComms.Web.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin;

/// <summary>
/// Signing out is a POST with the antiforgery field, so another site cannot sign staff out. It ends the session on the
/// server too (a new security stamp), so a copy of the cookie taken before stops working.
/// </summary>
public sealed class LogoutModel(UserStore users) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (StaffAuthentication.UserId(User) is { } id) await users.EndSessionsAsync(id, cancellationToken);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/admin/login");
    }
}
