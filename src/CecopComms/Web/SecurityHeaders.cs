using Microsoft.AspNetCore.Http;

namespace CecopComms.Web;

/// <summary>
/// Headers every response carries. Pages load only their own stylesheet and no script at all, so the policy can forbid
/// inline script; tokens travel in URLs, so no Referer may leak them to another site; nothing may frame a page (a
/// one-button unsubscribe page is an easy clickjacking target), except the admin preview's rendered mail, which says so
/// with <see cref="AllowSameOriginFrame"/>. HSTS only over https, where it means something.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private static readonly object SameOriginFrame = new();

    /// <summary>
    /// Lets this response be framed by pages of the site itself (X-Frame-Options: SAMEORIGIN); every other response is
    /// DENY, whatever a framework component set before.
    /// </summary>
    public static void AllowSameOriginFrame(HttpContext context) => context.Items[SameOriginFrame] = true;

    /// <summary>The Content-Security-Policy of every page.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // An endpoint that serves a document of another shape (an edition's web version, styled inline) sets its own.
            if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = context.Items.ContainsKey(SameOriginFrame) ? "SAMEORIGIN" : "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
