using CecopComms.Delivery;
using Microsoft.AspNetCore.Http;

namespace CecopComms.Web;

/// <summary>What pages reached through a signed link share.</summary>
public static class TokenPages
{
    /// <summary>The caller's IP address as recorded with consent and counted by per-address limits ("unknown" behind a test server).</summary>
    public static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// Whether a verified token is a link from a preview or a test copy, which the page refuses and says so: its own
    /// purpose, or a mailing-bound purpose without a mailing. The latter are links signed before previews had a purpose of
    /// their own: a real mailing's links always name it (ids start at 1), and only previews and test copies were signed for
    /// mailing 0, with the real person's id. Such links, shown to viewers in admin previews, must not keep working.
    /// </summary>
    public static bool IsPreview(RecipientToken token) =>
        token.Purpose == TokenPurpose.Preview || token.MailingId <= 0 && token.Purpose.IsMailingBound();

    /// <summary>What the one-click answer says to a mail client about a link from a preview (the pages say it in the reader's language).</summary>
    public static string PreviewNotice => Localization.ReaderWords.Get("preview.body", Localization.ReaderWords.English);
}
