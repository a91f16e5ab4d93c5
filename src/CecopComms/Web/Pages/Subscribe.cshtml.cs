using CecopComms.Audience;
using CecopComms.Web.SelfService;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Pages;

/// <summary>
/// The public sign-up form. Every accepted sign-up, whether the address is new, known, confirmed or caught by the
/// honeypot, ends in the same redirect to the same page, so the form does not tell who is subscribed.
/// </summary>
[EnableRateLimiting(MailOnRequestRateLimitPolicy.Signup)]
public sealed class SubscribeModel(SignupService signups, IOptions<WebOptions> options) : PageModel
{
    [FromRoute] public string? ListSlug { get; set; }
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Language { get; set; } = "en";
    [BindProperty] public string List { get; set; } = "";
    [BindProperty] public bool Consent { get; set; }
    /// <summary>The honeypot: hidden from people, filled in by form-filling robots.</summary>
    [BindProperty] public string? Homepage { get; set; }

    public IReadOnlyList<MailingList> Lists { get; private set; } = [];
    /// <summary>The keys of what is wrong with the form, in the reader's words on the page.</summary>
    public List<string> Errors { get; } = [];
    public string WordingVersion => options.Value.FormWordingVersion;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadListsAsync(cancellationToken)) return NotFound();
        List = Lists.FirstOrDefault()?.Slug ?? "";
        // The newsletters' language starts as the page's: a reader who reads this page in French is offered French.
        Language = System.Globalization.CultureInfo.CurrentUICulture.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadListsAsync(cancellationToken)) return NotFound();
        if (!string.IsNullOrEmpty(Homepage)) return RedirectToPage("/SubscribeSent");
        if (!EmailAddress.TryNormalise(Email, out _, out _)) Errors.Add("form.email_invalid");
        if ((Name ?? "").Length > 200) Errors.Add("form.name_too_long");
        if (!Languages.TryNormalise(Language, out var language)) Errors.Add("form.choose_language");
        if (Lists.All(l => l.Slug != List)) Errors.Add("subscribe.choose_list");
        if (!Consent) Errors.Add("subscribe.consent_missing");
        if (Errors.Count > 0) return Page();
        await signups.SignUpAsync(new SignupRequest(Email.Trim(), Name ?? "", language!, List), cancellationToken);
        return RedirectToPage("/SubscribeSent");
    }

    // A slug in the address narrows the form to that list; one that takes no sign-ups is not found.
    private async Task<bool> LoadListsAsync(CancellationToken cancellationToken)
    {
        var all = await signups.SignupListsAsync(cancellationToken);
        Lists = ListSlug is null ? all : all.Where(l => l.Slug == ListSlug).ToList();
        return ListSlug is null || Lists.Count == 1;
    }
}
