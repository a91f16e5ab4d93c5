using CecopComms.Audience;
using CecopComms.Delivery;
using CecopComms.Web.SelfService;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Pages;

/// <summary>
/// The preference centre of a signed link from a mailing: name, language, lists (the public ones, and CECOP Link only
/// for contact persons of member organisations, the members-only rule of the audience store), the GDPR export as a
/// JSON download, and erasure after a confirmation step. Every change is a POST with the antiforgery field. A link from
/// a preview or a test copy shows and changes nothing.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class PreferencesModel(
    TokenSigner signer, SelfServiceStore store, SubscriberStore subscribers, SubscriptionStore subscriptions, ListStore lists, IOptions<WebOptions> options) : PageModel
{
    /// <summary>What the page shows.</summary>
    public enum PageState { Form, ConfirmErase, Erased, Gone, Preview }

    [FromRoute] public string Token { get; set; } = "";
    [FromQuery] public bool Saved { get; set; }
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Language { get; set; } = "en";
    [BindProperty] public List<string> Lists { get; set; } = [];

    public PageState State { get; private set; }
    public IReadOnlyList<MailingList> Offered { get; private set; } = [];
    /// <summary>The keys of what is wrong with the form, in the reader's words on the page.</summary>
    public List<string> Errors { get; } = [];
    public string WordingVersion => options.Value.FormWordingVersion;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (refusal, _, subscriber) = await OpenAsync(cancellationToken);
        if (refusal is not null) return refusal;
        await LoadAsync(subscriber, cancellationToken);
        Name = subscriber.Name;
        Language = subscriber.Language;
        Lists = (await subscriptions.ForSubscriberAsync(subscriber.Id, cancellationToken))
            .Where(s => s.Status == SubscriptionStatus.Confirmed).Select(s => s.ListSlug).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var (refusal, token, subscriber) = await OpenAsync(cancellationToken);
        if (refusal is not null) return refusal;
        await LoadAsync(subscriber, cancellationToken);
        if (!Languages.TryNormalise(Language, out var language)) Errors.Add("form.choose_language");
        if ((Name ?? "").Length > 200) Errors.Add("form.name_too_long");
        if (Lists.Any(slug => Offered.All(l => l.Slug != slug))) Errors.Add("prefs.choose_lists");
        if (Errors.Count > 0) return Page();
        var choices = Offered.ToDictionary(l => l, l => Lists.Contains(l.Slug));
        await store.SavePreferencesAsync(subscriber, (Name ?? "").Trim(), language!, choices,
            new NewConsent("form", TokenPages.ClientIp(HttpContext), options.Value.FormWordingVersion), token.MailingId, cancellationToken);
        return RedirectToPage(new { token = Token, saved = true, lang = Localization.ReaderLocalization.ChosenTag(HttpContext) });
    }

    /// <summary>The GDPR export (art. 15 and 20), the same document as `cecop subscribers data`.</summary>
    public async Task<IActionResult> OnPostDataAsync(CancellationToken cancellationToken)
    {
        var (refusal, _, subscriber) = await OpenAsync(cancellationToken);
        if (refusal is not null) return refusal;
        var data = await subscribers.PersonalDataAsync(subscriber.Email, cancellationToken);
        return File(data.ToJsonBytes(), "application/json", "cecop-my-data.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken cancellationToken)
    {
        if ((await OpenAsync(cancellationToken)).Refusal is { } refusal) return refusal;
        State = PageState.ConfirmErase;
        return Page();
    }

    /// <summary>Erasure (GDPR art. 17), the same as `cecop subscribers erase`; the link stops working with it.</summary>
    public async Task<IActionResult> OnPostEraseConfirmedAsync(CancellationToken cancellationToken)
    {
        var (refusal, _, subscriber) = await OpenAsync(cancellationToken);
        if (refusal is not null) return refusal;
        await subscribers.EraseAsync(subscriber.Email, cancellationToken);
        State = PageState.Erased;
        return Page();
    }

    private async Task LoadAsync(Subscriber subscriber, CancellationToken cancellationToken) =>
        Offered = (await lists.ListAsync(cancellationToken))
            .Where(l => l.MembersOnly ? l.IsOpenTo(subscriber) : l.Visibility == "public")
            .OrderBy(l => l.Name, StringComparer.Ordinal).ToList();

    // A link from a preview or a test copy: no one's preferences, and no change.
    private PageResult Preview()
    {
        State = PageState.Preview;
        return Page();
    }

    private PageResult Gone()
    {
        State = PageState.Gone;
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }

    // The link's token and its person, or the page that refuses the link: the preview notice for a preview's link, 400
    // for a forged, altered or other link, 410 once the person is erased. The token is verified once per request.
    private async Task<(IActionResult? Refusal, RecipientToken Token, Subscriber Subscriber)> OpenAsync(CancellationToken cancellationToken)
    {
        if (!signer.TryVerify(Token, out var read)) return (BadRequest(), null!, null!);
        if (TokenPages.IsPreview(read!)) return (Preview(), null!, null!);
        if (read!.Purpose != TokenPurpose.Preferences) return (BadRequest(), null!, null!);
        if (await store.FindAsync(read.SubscriberUuid, cancellationToken) is not { } subscriber) return (Gone(), null!, null!);
        Localization.ReaderLanguage.Use(HttpContext, subscriber.Language);
        return (null, read, subscriber);
    }
}
