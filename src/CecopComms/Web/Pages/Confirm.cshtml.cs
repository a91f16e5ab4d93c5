using CecopComms.Delivery;
using CecopComms.Web.SelfService;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Pages;

/// <summary>
/// Double opt-in confirmation. Opening the link only shows a button: mail scanners and link previews fetch links
/// with GET, and a GET that confirmed would subscribe people who never clicked. The button's POST confirms and
/// records consent (time, IP, wording version shown here). An expired link offers a new one; a forged one gets a 400.
/// </summary>
[EnableRateLimiting(MailOnRequestRateLimitPolicy.Signup)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ConfirmModel(TokenSigner signer, SignupService signups, TimeProvider time, IOptions<WebOptions> options) : PageModel
{
    /// <summary>What the page shows.</summary>
    public enum PageState { Ready, Confirmed, AlreadyConfirmed, WithdrawnSince, Expired, NotFound }

    [FromRoute] public string Token { get; set; } = "";
    public PageState State { get; private set; }
    public string ListName { get; private set; } = "";
    public string WordingVersion => options.Value.FormWordingVersion;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!TryRead(out var token)) return BadRequest();
        await SpeakTheirLanguageAsync(token, cancellationToken);
        if (token.HasExpired(time.GetUtcNow())) return Show(PageState.Expired);
        // A link used before says so, instead of offering its button again.
        var (result, list) = await signups.PeekAsync(token, cancellationToken);
        ListName = list?.Name ?? "";
        return Show(StateOf(result, ready: PageState.Ready));
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        if (!TryRead(out var token)) return BadRequest();
        await SpeakTheirLanguageAsync(token, cancellationToken);
        if (token.HasExpired(time.GetUtcNow())) return Show(PageState.Expired);
        var (result, list) = await signups.ConfirmAsync(token, TokenPages.ClientIp(HttpContext), cancellationToken);
        ListName = list?.Name ?? "";
        return Show(StateOf(result, ready: PageState.Confirmed));
    }

    /// <summary>A new link for an expired one (rate limited like the form); the answer is the form's.</summary>
    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        if (!TryRead(out var token)) return BadRequest();
        var (subscriber, list) = await signups.ResolveAsync(token, cancellationToken);
        if (subscriber is not null && list is not null) await signups.SendConfirmationAsync(subscriber, list, cancellationToken);
        return RedirectToPage("/SubscribeSent");
    }

    /// <summary>The page for a confirmation's outcome; <paramref name="ready"/> stands for "it confirms" (the button before, the thanks after).</summary>
    private static PageState StateOf(ConfirmResult result, PageState ready) => result switch
    {
        ConfirmResult.Confirmed => ready,
        ConfirmResult.AlreadyConfirmed => PageState.AlreadyConfirmed,
        ConfirmResult.WithdrawnSince => PageState.WithdrawnSince,
        _ => PageState.NotFound,
    };

    // The page is written in the language the person chose when signing up.
    private async Task SpeakTheirLanguageAsync(ExpiringToken token, CancellationToken cancellationToken)
    {
        var (subscriber, _) = await signups.ResolveAsync(token, cancellationToken);
        if (subscriber is not null) Localization.ReaderLanguage.Use(HttpContext, subscriber.Language);
    }

    private bool TryRead(out ExpiringToken token)
    {
        token = null!;
        if (!signer.TryVerifyExpiring(Token, out var read) || read!.Purpose != TokenPurpose.Confirm) return false;
        token = read;
        return true;
    }

    private PageResult Show(PageState state)
    {
        State = state;
        return Page();
    }
}
