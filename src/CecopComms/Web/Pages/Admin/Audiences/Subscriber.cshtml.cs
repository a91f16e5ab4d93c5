using System.Text.Json;
using CecopComms.Audience;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Audiences;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Audiences;

/// <summary>
/// One person: what `cecop subscribers data` holds (profile, lists, consents, deliveries, bounces and events), and the
/// same as a JSON download; a form that changes name, language, organisation and attributes, one that marks them
/// unsubscribed or blocklisted, ones that put them on a list (as `cecop subscribers subscribe`) and take them off one
/// (an unsubscribe), and their erasure (as `cecop subscribers erase`) after a confirmation step.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SubscriberModel(SubscriberStore subscribers, ListStore lists, ActivityLog activity, IStringLocalizer<StaffText> localizer) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [BindProperty(SupportsGet = true)] public string Email { get; set; } = "";

    public PersonalData? Data { get; private set; }

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Language { get; set; } = "";
    [BindProperty] public string? Organisation { get; set; }
    [BindProperty] public string? Attributes { get; set; }
    [BindProperty] public string? Status { get; set; }

    /// <summary>The list to put the person on or take them off.</summary>
    [BindProperty] public string? List { get; set; }
    [BindProperty] public string? ConsentWording { get; set; }
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>Lists the person has never been on, to add them to.</summary>
    public IReadOnlyList<MailingList> Joinable { get; private set; } = [];

    /// <summary>The erasure confirmation step (?confirm=erase), or null.</summary>
    public ConfirmStep? ConfirmingErase { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>What another part of the application holds on the person (deliveries, bounces, events), as indented JSON.</summary>
    /// <summary>What another part of the engine holds on the person, as JSON to lay out in tables.</summary>
    public JsonElement Held(object value) => JsonSerializer.SerializeToElement(value, Json);

    /// <summary>"mailing_id" → "mailing id", for a column or section heading.</summary>
    public static string Heading(string name) => name.Replace('_', ' ');

    /// <summary>A cell's text: strings as they are (times as stored, in UTC), numbers as written, null as nothing.</summary>
    public static string Cell(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => cell.GetRawText(),
    };

    public async Task<IActionResult> OnGetAsync(string? confirm, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        var s = Data!.Subscriber;
        Name = s.Name;
        Language = s.Language;
        Organisation = Data.Organisation?.Name;
        Attributes = AttributeLines.Format(s.Attributes);
        if (confirm == "erase" && User.CanEdit() && s.ErasedAt is null) ConfirmingErase = EraseStep(s);
        return Page();
    }

    /// <summary>Everything held on the person as a JSON file, the document of `cecop subscribers data` (GDPR art. 15 and 20).</summary>
    public async Task<IActionResult> OnGetDataAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? File(Data!.ToJsonBytes(), "application/json", "cecop-personal-data.json") : NotFound();

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async () =>
        {
            var saved = await subscribers.UpdateAsync(Email, Name, Language, Organisation, AttributeLines.Parse(Attributes), cancellationToken);
            return localizer["Saved {0}.", saved.Email].Value;
        }, cancellationToken);

    public Task<IActionResult> OnPostStatusAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async () =>
        {
            if (!Enum.TryParse<SubscriberStatus>(Status, ignoreCase: true, out var status) || int.TryParse(Status, out _))
                throw new AudienceException(localizer["Choose the status to give: unsubscribed, blocklisted or active."]);
            var saved = await subscribers.SetStatusAsync(Email, status, cancellationToken);
            return localizer["{0} is now {1}.", saved.Email, saved.Status.ToString().ToLowerInvariant()].Value;
        }, cancellationToken);

    /// <summary>Puts the person on a list as `cecop subscribers subscribe` does, with the staff member's consent record when a wording is given.</summary>
    public Task<IActionResult> OnPostSubscribeAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async () =>
        {
            if (string.IsNullOrWhiteSpace(List)) throw new AudienceException(localizer["Choose the list to add them to."]);
            var list = await lists.GetAsync(List, cancellationToken);
            var consent = StaffConsent.Of(User, ConsentWording);
            if (Confirmed && consent is null && list.DoubleOptIn)
                throw new AudienceException(localizer["{0} is double opt-in: a confirmed subscription needs the consent wording the person agreed to.", list.Name]);
            var (joined, status) = (await subscribers.SubscribeAsync(Email, [list.Slug], Confirmed, consent, cancellationToken))[0];
            return localizer["{0} is on {1}, {2}.", Email.Trim(), joined.Name, status.ToString().ToLowerInvariant()].Value;
        }, cancellationToken);

    /// <summary>Takes the person off a list, recorded as an unsubscribe.</summary>
    public Task<IActionResult> OnPostUnsubscribeAsync(CancellationToken cancellationToken) =>
        ChangeAsync(async () =>
        {
            if (string.IsNullOrWhiteSpace(List)) throw new AudienceException(localizer["Choose the list to take them off."]);
            var list = await subscribers.UnsubscribeAsync(Email, List, cancellationToken);
            return localizer["{0} is off {1}; it counts as an unsubscribe, so only they can subscribe to it again.", Email.Trim(), list.Name].Value;
        }, cancellationToken);

    /// <summary>Erases the person (GDPR art. 17) as `cecop subscribers erase` does, only when the confirmation form's field says so.</summary>
    public async Task<IActionResult> OnPostEraseAsync(string? confirmed, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        if (confirmed != "yes") return RedirectToPage(new { email = Email, confirm = "erase" });
        return await ChangeAsync(async () =>
        {
            var person = await subscribers.GetAsync(Email, cancellationToken);
            if (person.ErasedAt is not null) throw new AudienceException(localizer["This person was erased already."]);
            await subscribers.EraseAsync(Email, cancellationToken);
            // Personal data: the log names the person by id only, never by address or name.
            await activity.RecordAsync(User, "erase", $"a subscriber (id {person.Id})", "Erased; their subscriptions stay only as anonymous counts.");
            return localizer["Erased {0}; their subscriptions stay only as anonymous counts.", Email.Trim()].Value;
        }, cancellationToken, then: "Subscribers");
    }

    private ConfirmStep EraseStep(Subscriber s) => new(
        $"/admin/audiences/subscribers/show?handler=Erase&email={Uri.EscapeDataString(s.Email)}",
        localizer["Erase {0}?", s.Email],
        [
            localizer["Everything personal held on {0} is erased: the e-mail address, name, attributes, organisation link and consent channels, and what deliveries and bounces hold on them. Their subscriptions stay only as anonymous counts.",
                string.IsNullOrWhiteSpace(s.Name) ? s.Email : $"{s.Name} <{s.Email}>"],
            localizer["This cannot be undone. If they asked for their data, download it first."],
        ],
        localizer["Yes, erase {0}", s.Email],
        localizer["No, keep them"],
        $"/admin/audiences/subscribers/show?email={Uri.EscapeDataString(s.Email)}");

    private async Task<IActionResult> ChangeAsync(Func<Task<string>> change, CancellationToken cancellationToken, string? then = null)
    {
        if (!User.CanEdit()) return Forbid();
        try
        {
            TempData["Message"] = await change();
            return then is null ? RedirectToPage(new { email = Email }) : RedirectToPage(then);
        }
        catch (AudienceException e)
        {
            Problem = e.Message;
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Data = await subscribers.PersonalDataAsync(Email, cancellationToken);
            var on = Data.Subscriptions.Select(x => x.ListSlug).ToHashSet(StringComparer.Ordinal);
            Joinable = (await lists.ListAsync(cancellationToken)).Where(l => !on.Contains(l.Slug)).ToList();
            return true;
        }
        catch (AudienceException)
        {
            return false;
        }
    }
}
