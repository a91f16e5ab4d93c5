using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Admin;

/// <summary>
/// The staff cookie. It carries only the account's id, its security stamp and when the person signed in; every request
/// reads the account again, so the role, name and address come from the database, and the cookie is refused once the
/// account is gone or locked, once its stamp has changed (sign-out, new role, new password, lock), after
/// <see cref="IdleLifetime"/> without a request, and <see cref="WebOptions.AbsoluteSessionHours"/> after signing in
/// however active the session was.
/// </summary>
public static class StaffAuthentication
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "cecop-admin";

    /// <summary>How long a session lasts without a request (sliding).</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(8);

    private const string StampClaim = "cecop:stamp";
    private const string SignedInAtClaim = "cecop:signed-in-at";

    /// <summary>What the cookie carries for <paramref name="user"/>, signed in at <paramref name="now"/>: no role, which is read at each request.</summary>
    public static ClaimsPrincipal Principal(User user, DateTimeOffset now) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
        new Claim(StampClaim, user.SecurityStamp),
        new Claim(SignedInAtClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
    ], CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>The signed-in account's id, or null when the principal is not a staff member's.</summary>
    public static long? UserId(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(ClaimTypes.NameIdentifier)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>Cookie options: HttpOnly, SameSite=Strict, 8 hours sliding, and the check of every request against the account.</summary>
    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.HttpOnly = true;
        options.LoginPath = "/admin/login";
        options.LogoutPath = "/admin/logout";
        options.ExpireTimeSpan = IdleLifetime;
        options.SlidingExpiration = true;
        // A signed-in viewer who tries to change something is not sent back to sign in (they are signed in):
        // Forbid() answers 403, and the status page says their role does not allow it.
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = ValidateAsync;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal!;
        var stamp = principal.FindFirst(StampClaim)?.Value ?? "";
        var user = UserId(principal) is { } id ? await services.GetRequiredService<UserStore>().GetAsync(id, context.HttpContext.RequestAborted) : null;
        if (user is not null && user.LockedAt is null && SameStamp(stamp, user.SecurityStamp)
            && long.TryParse(principal.FindFirst(SignedInAtClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            var signedInAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (now < signedInAt.AddHours(services.GetRequiredService<IOptions<WebOptions>>().Value.AbsoluteSessionHours))
            {
                // For this request only: the cookie keeps carrying id, stamp and sign-in time, never the role.
                context.ReplacePrincipal(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims.Concat(
                [
                    new Claim(ClaimTypes.Name, user.Name.Length > 0 ? user.Name : user.Email),
                    new Claim(ClaimTypes.Email, user.Email),
                    new Claim(ClaimTypes.Role, user.Role),
                ]), CookieAuthenticationDefaults.AuthenticationScheme)));
                return;
            }
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static bool SameStamp(string claimed, string current) =>
        current.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(claimed), Encoding.ASCII.GetBytes(current));
}
