using Microsoft.AspNetCore.Http;

namespace CecopComms.Web;

/// <summary>What pages reached through a signed link share.</summary>
public static class TokenPages
{
    /// <summary>The caller's IP address as recorded with consent ("unknown" behind a test server).</summary>
    public static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
