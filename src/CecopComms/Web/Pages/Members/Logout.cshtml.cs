using CecopComms.Web.Archive;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Members;

/// <summary>
/// Logs a member out: a POST with the form's antiforgery token (a GET only shows the button, so a link elsewhere cannot
/// log anyone out). Open to anyone, but the member's cookie is read when there is one: the token of the archive's own
/// logout button was made for the signed-in member, and is checked against the same person here.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = MemberAuthentication.Policy)]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class MemberLogoutModel : PageModel
{
    public bool LoggedOut { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(MemberAuthentication.Scheme);
        LoggedOut = true;
        return Page();
    }
}
