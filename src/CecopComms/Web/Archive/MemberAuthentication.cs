using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Web.Archive;

/// <summary>
/// The member cookie: an authentication scheme of its own, apart from the admin one, that only opens the members'
/// archive. It names the member by uuid, and each request checks they are still a member contact (someone who left an
/// organisation, unsubscribed or was erased loses access at once, not in 30 days).
/// </summary>
public static class MemberAuthentication
{
    /// <summary>The cookie authentication scheme.</summary>
    public const string Scheme = "Member";

    /// <summary>The authorisation policy of the members' archive pages.</summary>
    public const string Policy = "member";

    /// <summary>The cookie's name.</summary>
    public const string CookieName = "cecop-member";

    /// <summary>How long a login lasts without a visit (sliding).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>The principal the cookie carries for <paramref name="member"/>: uuid and name, never the e-mail.</summary>
    public static ClaimsPrincipal Principal(MemberContact member) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, member.Uuid), new Claim(ClaimTypes.Name, member.Name)], Scheme));

    /// <summary>Cookie options: HttpOnly, Secure over https, SameSite=Lax (the login link arrives from a mail client), 30 days sliding.</summary>
    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
        options.LoginPath = "/members/login";
        options.LogoutPath = "/members/logout";
        options.AccessDeniedPath = "/members/login";
        options.ExpireTimeSpan = Lifetime;
        options.SlidingExpiration = true;
        options.Events.OnValidatePrincipal = ValidateAsync;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var uuid = context.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var login = context.HttpContext.RequestServices.GetRequiredService<MemberLogin>();
        if (Guid.TryParse(uuid, out var id) && await login.FindAsync(id, context.HttpContext.RequestAborted) is not null) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }
}
