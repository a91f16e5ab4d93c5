using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace CecopComms.Web;

/// <summary>
/// At most <see cref="PerMinute"/> POSTs per remote IP and minute to the pages that carry the policy; reading them is not
/// limited. Behind a reverse proxy the address is the visitor's only when Web:KnownProxies names the proxy.
/// </summary>
public abstract class PostsPerIpRateLimitPolicy : IRateLimiterPolicy<string>
{
    /// <summary>The POSTs one address may make per minute.</summary>
    protected abstract int PerMinute { get; }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method)) return RateLimitPartition.GetNoLimiter("read");
        return RateLimitPartition.GetFixedWindowLimiter(TokenPages.ClientIp(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = PerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
