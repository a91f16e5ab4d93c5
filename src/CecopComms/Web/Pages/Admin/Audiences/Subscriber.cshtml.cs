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
/// One person: what `cecop subscribers data` holds (profile, lists, consents, deliveries, bounces and events), a form
/// that changes name, language, organisation and attributes, and one that marks them unsubscribed or blocklisted.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SubscriberModel(SubscriberStore subscribers, IStringLocalizer<StaffText> localizer) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [BindProperty(SupportsGet = true)] public string Email { get; set; } = "";

    public PersonalData? Data { get; private set; }

    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Language { get; set; } = "";
    [BindProperty] public string? Organisation { get; set; }
    [BindProperty] public string? Attributes { get; set; }
    [BindProperty] public string? Status { get; set; }

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

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return NotFound();
        var s = Data!.Subscriber;
        Name = s.Name;
        Language = s.Language;
        Organisation = Data.Organisation?.Name;
        Attributes = AttributeLines.Format(s.Attributes);
        return Page();
    }

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

    private async Task<IActionResult> ChangeAsync(Func<Task<string>> change, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        try
        {
            TempData["Message"] = await change();
            return RedirectToPage(new { email = Email });
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
            return true;
        }
        catch (AudienceException)
        {
            return false;
        }
    }
}
