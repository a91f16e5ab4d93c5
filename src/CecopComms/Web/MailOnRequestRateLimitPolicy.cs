using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CecopComms.Web;

/// <summary>
/// Limits what sends mail on a stranger's request — sign-up and confirmation resends, member login links — to
/// Web:SignupRatePerMinutePerIp POSTs per remote IP and minute, so no form can be used to flood someone's inbox.
/// Reading the forms is not limited. Registered once per form under its own name, so each form has its own buckets.
/// </summary>
public sealed class MailOnRequestRateLimitPolicy(IOptions<WebOptions> options) : IRateLimiterPolicy<string>
{
    /// <summary>The sign-up and confirmation pages' policy, for [EnableRateLimiting].</summary>
    public const string Signup = "signup";

    /// <summary>The member login page's policy (<see cref="Archive.MemberLogin"/> also limits the links one address receives).</summary>
    public const string MemberLogin = "member-login";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
        var ip = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SignupRatePerMinutePerIp,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
