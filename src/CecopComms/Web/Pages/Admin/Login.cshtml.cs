using CecopComms.Web.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CecopComms.Web.Pages.Admin;

/// <summary>
/// Staff sign-in: a cookie for the admin pages after the password checks out; one sentence for every failure. Attempts
/// are limited per address (Web:SignInRatePerMinutePerIp), and failures lock the account against the address that made them.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[EnableRateLimiting(SignInRateLimitPolicy.StaffSignIn)]
public sealed class LoginModel(UserStore users, TimeProvider time) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.SignInAsync(Email ?? "", Password ?? "", TokenPages.ClientIp(HttpContext), cancellationToken);
        if (user is null)
        {
            Failed = true;
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, StaffAuthentication.Principal(user, time.GetUtcNow()));
        // Only a path of this site: an absolute ReturnUrl would make the sign-in page an open redirect.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/admin");
    }
}
