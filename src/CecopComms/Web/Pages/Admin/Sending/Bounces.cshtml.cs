using System.Text.Json;
using CecopComms.Delivery.Bounces;
using CecopComms.Hosting;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Pages.Admin.Sending;

/// <summary>
/// /admin/sending/bounces: the recorded bounces, latest first, of one person or one mailing if asked (`cecop bounces
/// list`), and a button that reads the bounce mailbox once (`cecop bounces fetch`) when Bounces:Enabled.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class BouncesModel(BounceStore bounces, BounceProcessor processor, IOptionsMonitor<BounceMailboxOptions> options, IStringLocalizer<StaffText> localizer) : PageModel
{
    /// <summary>Bounces listed, latest first.</summary>
    public const int Limit = 200;

    private const string FetchKey = "BounceFetch";

    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public long? Mailing { get; set; }

    public IReadOnlyList<BounceListItem> Bounces { get; private set; } = [];
    public List<string> Problems { get; } = [];

    /// <summary>What the last reading of the mailbox did, after the button was pressed.</summary>
    public BounceFetchResult? Fetched { get; private set; }

    /// <summary>Bounces:Enabled as in force now (the settings page may have changed it since the start): the bounce mailbox is set up.</summary>
    public bool MailboxEnabled => options.CurrentValue.Enabled;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData[FetchKey] is string json) Fetched = JsonSerializer.Deserialize<BounceFetchResult>(json);
        await LoadAsync(cancellationToken);
    }

    /// <summary>Reads the bounce mailbox once; the counts are shown after the redirect.</summary>
    public async Task<IActionResult> OnPostFetchAsync(CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return StatusCode(StatusCodes.Status403Forbidden);
        if (!MailboxEnabled)
        {
            Problems.Add(localizer[NotSetUp]);
            await LoadAsync(cancellationToken);
            return Page();
        }
        try
        {
            var result = await processor.FetchAsync(null, cancellationToken);
            TempData[FetchKey] = JsonSerializer.Serialize(result);
            TempData["Message"] = localizer["The bounce mailbox was read: {0:N0} messages, {1:N0} hard and {2:N0} soft bounces.", result.Read, result.Hard, result.Soft].Value;
            return RedirectToPage();
        }
        catch (Exception e) when (e is IUserError)
        {
            Problems.Add(e.Message);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    /// <summary>What the page says when Bounces:Enabled is false (a key of <see cref="StaffText"/>).</summary>
    public const string NotSetUp = "The bounce mailbox is not set up: set Bounces:Enabled to true with its Host, User and Password in the settings, "
        + "and the engine reads it every Bounces:IntervalMinutes. Refusals while sending are recorded either way.";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        try
        {
            Bounces = await bounces.ListAsync(email, Mailing, Limit, cancellationToken);
        }
        catch (Exception e) when (e is IUserError)
        {
            Problems.Add(e.Message);
            Bounces = [];
        }
    }
}
