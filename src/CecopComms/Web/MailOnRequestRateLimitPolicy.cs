using Microsoft.Extensions.Options;

namespace CecopComms.Web;

/// <summary>
/// Limits what sends mail on a stranger's request — sign-up and confirmation resends, member login links — to
/// Web:SignupRatePerMinutePerIp POSTs per remote IP and minute, so no form can be used to flood someone's inbox.
/// Reading the forms is not limited. Registered once per form under its own name, so each form has its own buckets.
/// </summary>
public sealed class MailOnRequestRateLimitPolicy(IOptions<WebOptions> options) : PostsPerIpRateLimitPolicy
{
    /// <summary>The sign-up and confirmation pages' policy, for [EnableRateLimiting].</summary>
    public const string Signup = "signup";

    /// <summary>The member login page's policy (<see cref="Archive.MemberLogin"/> also limits the links one address receives).</summary>
    public const string MemberLogin = "member-login";

    protected override int PerMinute => options.Value.SignupRatePerMinutePerIp;
}
