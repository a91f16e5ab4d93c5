using System.Globalization;
using CecopComms.Cli;
using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Hosting;
using CecopComms.Scheduling;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Sending;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ContentPublication = CecopComms.Content.Publications.Publication;

namespace CecopComms.Web.Pages.Admin.Sending;

/// <summary>
/// /admin/sending: every mailing with its progress, the schedules (missed ones included), and the forms that schedule a
/// draft at a local time, send it now, or follow a publication with a cron expression. The same services as `cecop
/// schedule`, `cecop send --now` and `cecop schedules cancel`, so the same checks run (content compiled now, a past time
/// refused, an edition sent once).
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SendingModel(MailingStore mailings, ScheduleStore schedules, SchedulePlanner planner, MailingStarter starter, SendingChoices choices,
    IOptions<SchedulingOptions> scheduling, TimeProvider time) : PageModel
{
    /// <summary>Mailings listed, latest first.</summary>
    public const int MailingLimit = 100;

    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Time { get; set; }
    [BindProperty] public string? Publication { get; set; }
    [BindProperty] public string? Cron { get; set; }

    public IReadOnlyList<Mailing> Mailings { get; private set; } = [];
    public IReadOnlyList<Schedule> Schedules { get; private set; } = [];
    public IReadOnlyList<DraftChoice> Drafts { get; private set; } = [];
    public IReadOnlyList<ContentPublication> Publications { get; private set; } = [];
    public List<string> Problems { get; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>The zone of the date and time fields (Scheduling:TimeZone).</summary>
    public string Zone => scheduling.Value.TimeZone;

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>Schedules the chosen draft at the date and time given in <see cref="Zone"/>.</summary>
    public Task<IActionResult> OnPostScheduleAsync(CancellationToken cancellationToken) => ActAsync(async () =>
    {
        var source = ChosenSource();
        if (string.IsNullOrWhiteSpace(Date) || string.IsNullOrWhiteSpace(Time))
            throw new ScheduleException($"Give the date and the time of the send (in {Zone}), or press “Send now”.");
        var schedule = await planner.OnceAsync(source, planner.ParseTime($"{Date.Trim()} {Time.Trim()}", null), cancellationToken);
        var at = schedule.RunAt!.Value;
        TempData["Message"] = $"Schedule {schedule.Id}: {Describe(source)} goes out at {ScheduledSend.Local(at, schedule.TimeZone)}, "
            + $"which is {at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.";
        return RedirectToPage();
    }, cancellationToken);

    /// <summary>Starts the chosen draft now: its ledger is written here, the sender of `cecop serve` sends it.</summary>
    public Task<IActionResult> OnPostSendNowAsync(CancellationToken cancellationToken) => ActAsync(async () =>
    {
        var mailing = await starter.StartAsync(ChosenSource(), MailingStatus.Running, cancellationToken);
        TempData["Message"] = $"Mailing {mailing.Id} started: {mailing.Title} to {mailing.Audience}, {mailing.Total:N0} recipients in the ledger.";
        return RedirectToPage("Mailing", new { id = mailing.Id });
    }, cancellationToken);

    /// <summary>Sends the next draft edition of a publication at every time of a cron expression, like `cecop schedule --publication X --cron`.</summary>
    public Task<IActionResult> OnPostRecurringAsync(CancellationToken cancellationToken) => ActAsync(async () =>
    {
        var publication = (await choices.PublicationsAsync(cancellationToken)).FirstOrDefault(p => p.Slug == Publication)
            ?? throw new ScheduleException("Choose the publication whose next draft edition goes out.");
        if (string.IsNullOrWhiteSpace(Cron)) throw new ScheduleException("Give the cron expression of the sends, e.g. 0 0 10 ? * TUE#1 (first Tuesday of each month at 10:00).");
        var schedule = await planner.RecurringAsync(publication.Slug, Cron.Trim(), null, cancellationToken);
        var next = ScheduledSend.Next(schedule, time.GetUtcNow());
        TempData["Message"] = $"Schedule {schedule.Id}: the next draft edition of {publication.Name} at “{schedule.Cron}” ({schedule.TimeZone})"
            + (next is { } n ? $", next {ScheduledSend.Local(n, schedule.TimeZone)} ({n.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)." : ".");
        return RedirectToPage();
    }, cancellationToken);

    /// <summary>Cancels an active schedule, like `cecop schedules cancel ID`.</summary>
    public Task<IActionResult> OnPostCancelScheduleAsync(long id, CancellationToken cancellationToken) => ActAsync(async () =>
    {
        var schedule = await planner.CancelAsync(id, cancellationToken);
        TempData["Message"] = $"Schedule {schedule.Id} cancelled.";
        return RedirectToPage();
    }, cancellationToken);

    /// <summary>The next occurrence of an active schedule, or null.</summary>
    public DateTimeOffset? Next(Schedule schedule) => ScheduledSend.Next(schedule, Now);

    private MailingSource ChosenSource() => string.IsNullOrWhiteSpace(Source)
        ? throw new ScheduleException("Choose the edition or campaign mailing to send.")
        : MailingSourceArgument.Parse(Source);

    private string Describe(MailingSource source) => Drafts.FirstOrDefault(d => d.Source == source)?.Label ?? source.ToString();

    private async Task<IActionResult> ActAsync(Func<Task<IActionResult>> action, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return StatusCode(StatusCodes.Status403Forbidden);
        // The drafts are read first so the message can name what was scheduled.
        Drafts = await choices.DraftsAsync(cancellationToken);
        try
        {
            return await action();
        }
        catch (Exception e) when (e is IUserError or KeyNotFoundException)
        {
            Problems.Add(e.Message);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Mailings = await mailings.ListAsync(null, MailingLimit, cancellationToken);
        Schedules = (await schedules.ListAsync(null, cancellationToken)).OrderByDescending(s => s.Id).ToList();
        Drafts = await choices.DraftsAsync(cancellationToken);
        Publications = await choices.PublicationsAsync(cancellationToken);
    }
}
