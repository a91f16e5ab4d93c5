using Microsoft.Extensions.Options;

namespace CecopComms.Web;

/// <summary>
/// Limits sign-in attempts — the staff sign-in form and the button of a member's login link — to
/// Web:SignInRatePerMinutePerIp POSTs per remote IP and minute. A staff sign-in costs a PBKDF2 hash of 600,000
/// iterations, so without a limit a stranger could keep the server's cores busy and guess passwords at its full speed.
/// </summary>
public sealed class SignInRateLimitPolicy(IOptions<WebOptions> options) : PostsPerIpRateLimitPolicy
{
    /// <summary>The staff sign-in page's policy, for [EnableRateLimiting].</summary>
    public const string StaffSignIn = "staff-sign-in";

    /// <summary>The member login link page's policy, for [EnableRateLimiting].</summary>
    public const string MemberLink = "member-login-link";

    protected override int PerMinute => options.Value.SignInRatePerMinutePerIp;
}
