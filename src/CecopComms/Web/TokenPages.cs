using Microsoft.AspNetCore.Http;

namespace CecopComms.Web;

/// <summary>What pages reached through a signed link share.</summary>
public static class TokenPages
{
    /// <summary>The caller's IP address as recorded with consent and counted by per-address limits ("unknown" behind a test server).</summary>
    public static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
