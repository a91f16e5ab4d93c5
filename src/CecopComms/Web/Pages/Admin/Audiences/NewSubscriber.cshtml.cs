using CecopComms.Audience;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Audiences;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Audiences;

/// <summary>Adds a person and subscribes them to lists, as `cecop subscribers add` does; consent is recorded with the staff member's name.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class NewSubscriberModel(SubscriberStore subscribers, ListStore lists, IStringLocalizer<StaffText> localizer) : PageModel
{
    public IReadOnlyList<MailingList> Lists { get; private set; } = [];

    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Language { get; set; } = "en";
    [BindProperty] public string? Organisation { get; set; }
    [BindProperty] public string? Attributes { get; set; }
    [BindProperty] public List<string> Subscribe { get; set; } = [];
    [BindProperty] public string? ConsentWording { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Lists = await lists.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        try
        {
            var consent = StaffConsent.Of(User, ConsentWording);
            var person = new NewSubscriber(Email, Name, Language, Organisation, AttributeLines.Parse(Attributes));
            var subscriber = await subscribers.AddAsync(person, Subscribe, Confirmed, consent, cancellationToken);
            TempData["Message"] = localizer["Added {0}.", subscriber.Email].Value;
            return RedirectToPage("Subscriber", new { email = subscriber.Email });
        }
        catch (AudienceException e)
        {
            Problem = e.Message;
            Lists = await lists.ListAsync(cancellationToken);
            return Page();
        }
    }
}
