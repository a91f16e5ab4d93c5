using CecopComms.Delivery;
using CecopComms.Hosting;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Sending;

/// <summary>
/// /admin/sending/mailings/{id}: one mailing's live progress (the page refreshes itself while it runs or waits), why it
/// paused, its failed rows with the server's replies, and pause, resume, cancel (after a confirmation) and retry failed:
/// the same <see cref="MailingStore"/> calls as `cecop mailings pause|resume|cancel|retry-failed`. The sender of `cecop
/// serve` does the sending, as after `--detach`.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class MailingPageModel(MailingStore mailings, ActivityLog activity, IStringLocalizer<StaffText> localizer) : PageModel
{
    /// <summary>Failed rows listed.</summary>
    public const int FailedLimit = 200;

    public Mailing Mailing { get; private set; } = null!;
    public IReadOnlyList<LedgerRow> FailedRows { get; private set; } = [];
    public List<string> Problems { get; } = [];

    /// <summary>True on the cancel confirmation step (?confirm=cancel).</summary>
    public bool ConfirmingCancel { get; private set; }

    /// <summary>Whether the page follows the mailing by refreshing itself.</summary>
    public bool Live => Mailing.Status is MailingStatus.Running or MailingStatus.Scheduled;

    public async Task<IActionResult> OnGetAsync(long id, string? confirm, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        ConfirmingCancel = confirm == "cancel" && User.CanEdit() && Mailing.Status is MailingStatus.Running or MailingStatus.Paused or MailingStatus.Scheduled;
        return Page();
    }

    /// <summary>The figures the page shows, as JSON, for mailing-progress.js to update them in place (GET ?handler=Progress).</summary>
    public async Task<IActionResult> OnGetProgressAsync(long id, CancellationToken cancellationToken)
    {
        if (await mailings.FindAsync(id, cancellationToken) is not { } m) return NotFound();
        return new JsonResult(new
        {
            status = MailingStore.Text(m.Status),
            reason = m.StatusReason,
            // Followed until it can change no more: a paused mailing may be resumed elsewhere.
            follow = !m.Settled,
            total = m.Total,
            done = m.Done,
            sent = m.Sent,
            failed = m.Failed,
            skipped = m.Skipped,
            waiting = m.Waiting + m.Retrying,
            retrying = m.Retrying,
        });
    }

    public Task<IActionResult> OnPostPauseAsync(long id, CancellationToken cancellationToken) => ActAsync(id, async () =>
    {
        var mailing = await mailings.PauseAsync(id, null, cancellationToken);
        await RecordAsync("pause", mailing);
        // Messages already handed to a server when the pause is read still finish: the figures below follow them.
        return localizer["Mailing {0} is pausing: {1:N0} of {2:N0} sent so far; messages already on their way finish, and the figures below show the final count.", mailing.Id, mailing.Sent, mailing.Total].Value;
    }, cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(long id, CancellationToken cancellationToken) => ActAsync(id, async () =>
    {
        var mailing = await mailings.ResumeAsync(id, cancellationToken);
        await RecordAsync("resume", mailing);
        return localizer["Mailing {0} is running again; it continues where it stopped.", mailing.Id].Value;
    }, cancellationToken);

    /// <summary>Cancels only when the confirmation form's field says so; otherwise shows the confirmation step.</summary>
    public async Task<IActionResult> OnPostCancelAsync(long id, string? confirmed, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return StatusCode(StatusCodes.Status403Forbidden);
        if (confirmed != "yes") return RedirectToPage(new { id, confirm = "cancel" });
        return await ActAsync(id, async () =>
        {
            var mailing = await mailings.CancelAsync(id, cancellationToken);
            await RecordAsync("cancel-mailing", mailing);
            return localizer["Mailing {0} cancelled: {1:N0} of {2:N0} sent so far; messages already on their way finish, and the figures below show the final count.", mailing.Id, mailing.Sent, mailing.Total].Value;
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostRetryFailedAsync(long id, CancellationToken cancellationToken) => ActAsync(id, async () =>
    {
        var (mailing, requeued) = await mailings.RetryFailedAsync(id, cancellationToken);
        return localizer["Mailing {0}: {1:N0} failed rows queued again.", mailing.Id, requeued].Value;
    }, cancellationToken);

    private Task RecordAsync(string action, Mailing mailing) =>
        activity.RecordAsync(User, action, mailing.Title, $"Mailing {mailing.Id}: {mailing.Sent} of {mailing.Total} sent so far.");

    private async Task<IActionResult> ActAsync(long id, Func<Task<string>> action, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return StatusCode(StatusCodes.Status403Forbidden);
        try
        {
            TempData["Message"] = await action();
            return RedirectToPage(new { id });
        }
        catch (Exception e) when (e is IUserError)
        {
            Problems.Add(e.Message);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await mailings.FindAsync(id, cancellationToken) is not { } mailing) return false;
        Mailing = mailing;
        FailedRows = await mailings.RowsAsync(id, LedgerStatus.Failed, FailedLimit, cancellationToken);
        return true;
    }
}
