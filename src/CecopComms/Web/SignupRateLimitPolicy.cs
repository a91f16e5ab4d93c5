using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CecopComms.Web;

/// <summary>
/// Limits what sends mail on a stranger's request (sign-up, resend a confirmation) to Web:SignupRatePerMinutePerIp
/// POSTs per remote IP and minute, so the form cannot be used to flood someone's inbox. Reading the form is not limited.
/// </summary>
public sealed class SignupRateLimitPolicy(IOptions<WebOptions> options) : IRateLimiterPolicy<string>
{
    /// <summary>The policy's name, for [EnableRateLimiting].</summary>
    public const string Name = "signup";

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
