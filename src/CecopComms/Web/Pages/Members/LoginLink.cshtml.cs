using CecopComms.Web.Archive;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CecopComms.Web.Pages.Members;

/// <summary>
/// The page a magic link opens. Opening it changes nothing (mail scanners fetch links before people do); the button
/// POSTs, which uses the link up and sets the member cookie. A forged, expired or used link gets a 400 page. The POSTs
/// are limited per address (Web:SignInRatePerMinutePerIp).
/// </summary>
[EnableRateLimiting(SignInRateLimitPolicy.MemberLink)]
public sealed class MemberLoginLinkModel(MemberLogin login) : PageModel
{
    public bool Valid { get; private set; }

    public int Minutes => (int)MemberLoginToken.Lifetime.TotalMinutes;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Valid = await login.CheckAsync(token, cancellationToken) is not null;
        if (!Valid) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var member = await login.RedeemAsync(token, cancellationToken);
        if (member is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await HttpContext.SignInAsync(MemberAuthentication.Scheme, MemberAuthentication.Principal(member), new AuthenticationProperties { IsPersistent = true });
        return Redirect("/members/archive");
    }
}
