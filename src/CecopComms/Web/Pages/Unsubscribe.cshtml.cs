using CecopComms.Delivery;
using CecopComms.Web.SelfService;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages;

/// <summary>
/// Unsubscribing with a mailing's signed link. GET only shows the one button: mail scanners follow links, and RFC 8058
/// forbids a GET that unsubscribes. The button's POST (with its antiforgery field) unsubscribes and shows the result.
/// A mail client's one-click POST (body List-Unsubscribe=One-Click, RFC 8058) carries no cookie and no form token, so
/// it is accepted without them: the signed token is the proof, and the answer is a bare 200. A forged or altered token
/// gets a 400 and changes nothing; a replay changes nothing and still succeeds. A link from a preview or a test copy
/// unsubscribes no one: the page (or the one-click answer) says where it came from.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class UnsubscribeModel(TokenSigner signer, SelfServiceStore store, IAntiforgery antiforgery) : PageModel
{
    [FromRoute] public string Token { get; set; } = "";
    public UnsubscribeResult? Result { get; private set; }

    /// <summary>On the page before the button: the list the link leaves and whether that is done already (Changed means done).</summary>
    public UnsubscribeResult? Before { get; private set; }
    public bool FromPreview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Read(out var token)) return BadRequest();
        if (!FromPreview) Before = await store.UnsubscribeStateAsync(token.SubscriberUuid, token.MailingId, cancellationToken);
        Localization.ReaderLanguage.Use(HttpContext, Before?.Language);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Read(out var token)) return BadRequest();
        var oneClick = Request.HasFormContentType && (await Request.ReadFormAsync(cancellationToken))["List-Unsubscribe"] == "One-Click";
        if (FromPreview)
            // Nobody to unsubscribe: say so, to the mail client in its bare form and to a person on the page.
            return oneClick ? Content(TokenPages.PreviewNotice + "\n", "text/plain; charset=utf-8") : Page();
        if (!oneClick && !await antiforgery.IsRequestValidAsync(HttpContext)) return BadRequest();
        Result = await store.UnsubscribeAsync(token.SubscriberUuid, token.MailingId, cancellationToken);
        Localization.ReaderLanguage.Use(HttpContext, Result.Language);
        return oneClick ? Content("Unsubscribed.\n", "text/plain; charset=utf-8") : Page();
    }

    // Verifies the link once: false for a forged, altered or other link; a preview's link is read and sets FromPreview.
    private bool Read(out RecipientToken token)
    {
        token = null!;
        if (!signer.TryVerify(Token, out var read)) return false;
        FromPreview = TokenPages.IsPreview(read!);
        if (!FromPreview && read!.Purpose != TokenPurpose.Unsubscribe) return false;
        token = read!;
        return true;
    }
}
