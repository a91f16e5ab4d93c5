using CecopComms.Delivery;
using Microsoft.AspNetCore.Http;

namespace CecopComms.Web;

/// <summary>What pages reached through a signed link share.</summary>
public static class TokenPages
{
    /// <summary>The caller's IP address as recorded with consent and counted by per-address limits ("unknown" behind a test server).</summary>
    public static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Whether <paramref name="token"/> is a link from a preview or a test copy, which the page refuses and says so.</summary>
    public static bool IsPreview(TokenSigner signer, string? token) => signer.TryVerify(token, out var read) && read!.Purpose == TokenPurpose.Preview;

    /// <summary>What the one-click answer and the pages say to a link from a preview.</summary>
    public const string PreviewNotice = "This is a link from a preview or a test copy of a mailing. It belongs to no one and changes nothing; the mailing itself carries each reader's own link.";
}
