using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Archive;

/// <summary>
/// Limits login-link requests to Web:SignupRatePerMinutePerIp POSTs per remote IP and minute, like the sign-up form:
/// both send mail on a stranger's request. Reading the form is not limited; <see cref="MemberLogin"/> also limits the
/// links one address receives.
/// </summary>
public sealed class MemberLoginRateLimitPolicy(IOptions<WebOptions> options) : IRateLimiterPolicy<string>
{
    /// <summary>The policy's name, for [EnableRateLimiting].</summary>
    public const string Name = "member-login";

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
