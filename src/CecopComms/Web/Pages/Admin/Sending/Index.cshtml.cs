using System.Globalization;
using CecopComms.Audience;
using CecopComms.Audience.Segments;
using CecopComms.Cli;
using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Hosting;
using CecopComms.Localization;
using CecopComms.Scheduling;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Sending;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ContentPublication = CecopComms.Content.Publications.Publication;

namespace CecopComms.Web.Pages.Admin.Sending;

/// <summary>
/// /admin/sending: every mailing with its progress, the schedules (missed and failed ones included), and the forms that
/// schedule a draft at a local time or send it now (to its own audience or a segment), or follow a publication with a cron
/// expression. The same services as `cecop
/// schedule`, `cecop send --now` and `cecop schedules cancel`, so the same checks run (content compiled now, a past time
/// refused, an edition sent once). Sending now and cancelling a schedule each take a second step: a confirmation that
/// names what goes to whom (with the audience's live count) or what the schedule would have sent.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SendingModel(MailingStore mailings, ScheduleStore schedules, SchedulePlanner planner, MailingStarter starter, SendingChoices choices,
    IMailingContent content, AudienceResolver audiences, IOptions<SchedulingOptions> scheduling, TimeProvider time,
    ActivityLog activity, IStringLocalizer<StaffText> localizer) : PageModel
{
    /// <summary>Mailings listed, latest first.</summary>
    public const int MailingLimit = 100;

    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? Time { get; set; }
    [BindProperty] public string? Publication { get; set; }
    [BindProperty] public string? Cron { get; set; }
    /// <summary>"segment:SLUG" to send to a segment instead of the content's own audience; empty for its own.</summary>
    [BindProperty] public string? Audience { get; set; }
    /// <summary>The recipient count the officer confirmed; a send goes ahead only while the audience still has it.</summary>
    [BindProperty] public int? Count { get; set; }

    /// <summary>Set on the send-now confirmation step.</summary>
    public SendNowConfirmation? ConfirmingSend { get; private set; }

    /// <summary>Set on the cancel confirmation step: the schedule, and what it would send.</summary>
    public Schedule? ConfirmingCancel { get; private set; }

    public IReadOnlyList<Mailing> Mailings { get; private set; } = [];
    public IReadOnlyList<Schedule> Schedules { get; private set; } = [];
    public IReadOnlyList<DraftChoice> Drafts { get; private set; } = [];
    public IReadOnlyList<ContentPublication> Publications { get; private set; } = [];
    /// <summary>The segments a send now or a schedule can go to instead of the content's own audience.</summary>
    public IReadOnlyList<Segment> Segments { get; private set; } = [];
    public List<string> Problems { get; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>The zone of the date and time fields (Scheduling:TimeZone).</summary>
    public string Zone => scheduling.Value.TimeZone;

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>
    /// Schedules the chosen draft at the date and time given in <see cref="Zone"/>, to the content's own audience or to a
    /// segment chosen in <see cref="Audience"/>. Members-only content is refused a segment that reaches others now, and
    /// checked again when the schedule fires.
    /// </summary>
    public Task<IActionResult> OnPostScheduleAsync(CancellationToken cancellationToken) => ActAsync(async () =>
    {
        var source = ChosenSource();
        var chosen = ChosenAudience();
        if (string.IsNullOrWhiteSpace(Date) || string.IsNullOrWhiteSpace(Time))
            throw new ScheduleException(localizer["Give the date and the time of the send (in {0}), or press “Send now”.", Zone]);
        var schedule = await planner.OnceAsync(source, planner.ParseTime($"{Date.Trim()} {Time.Trim()}", null), chosen, cancellationToken);
        var at = schedule.RunAt!.Value;
        var utc = at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await activity.RecordAsync(User, "schedule", Describe(source),
            chosen is null ? $"Schedule {schedule.Id}: once, at {ScheduledSend.Local(at, schedule.TimeZone)}."
                : $"Schedule {schedule.Id}: once, at {ScheduledSend.Local(at, schedule.TimeZone)}, to {chosen}.");
        TempData["Message"] = (chosen is null
            ? localizer["Schedule {0}: {1} goes out at {2}, which is {3} UTC.", schedule.Id, Describe(source), ScheduledSend.Local(at, schedule.TimeZone), utc]
            : localizer["Schedule {0}: {1} goes out to {2} at {3}, which is {4} UTC.", schedule.Id, Describe(source), AudienceName(schedule), ScheduledSend.Local(at, schedule.TimeZone), utc]).Value;
        return RedirectToPage();
    }, cancellationToken);

    /// <summary>
    /// First shows what would go to whom, with the audience's live recipient count; with confirmed=yes and that same count,
    /// starts the chosen draft now (its ledger is written here, the sender of `cecop serve` sends it). If the audience
    /// changed in between, the confirmation is shown again with the new count. With a segment chosen in
    /// <see cref="Audience"/> it goes to the segment's recipients instead; members-only content (CECOP Link) is refused,
    /// on the confirmation and again when the send starts, if the segment reaches anyone not a member's contact.
    /// </summary>
    public Task<IActionResult> OnPostSendNowAsync(string? confirmed, CancellationToken cancellationToken) => ActAsync(async () =>
    {
        var source = ChosenSource();
        var compiled = await content.CompileAsync(source, cancellationToken);
        if (await mailings.LiveMailingAsync(source, cancellationToken) is { } live)
            throw new MailingException(localizer["{0} already has mailing {1}, which is {2}: an edition or campaign mailing is sent once. "
                + "Open mailing {1} to resume it, retry its failed recipients or cancel it; once cancelled, the edition can be sent again.", compiled.Title, live.Id, live.Status]);
        var chosen = ChosenAudience();
        var (audience, recipients, _, _) = (await audiences.ForContentAsync(compiled.AudienceReference, chosen, cancellationToken)).KeepingMembersOnly();
        var count = recipients.Count;
        if (confirmed != "yes" || Count != count)
        {
            ConfirmingSend = new SendNowConfirmation(source, compiled.Title, audience.Name, audience.Kind, chosen, count,
                confirmed == "yes" ? localizer["The audience changed since you looked: it has {0:N0} recipients now, not {1:N0}. Check and confirm again.", count, Count!].Value : null);
            await LoadAsync(cancellationToken);
            return Page();
        }
        var mailing = await starter.StartAsync(source, MailingStatus.Running, chosen, cancellationToken);
        await activity.RecordAsync(User, "send", mailing.Title, $"Mailing {mailing.Id} started now to {mailing.Audience}: {mailing.Total} recipients.");
        TempData["Message"] = localizer["Mailing {0} started: {1} to {2}, {3:N0} recipients in the ledger.", mailing.Id, mailing.Title, mailing.Audience, mailing.Total].Value;
        return RedirectToPage("Mailing", new { id = mailing.Id });
    }, cancellationToken);

    /// <summary>Sends the next draft edition of a publication at every time of a cron expression, like `cecop schedule --publication X --cron`.</summary>
    public Task<IActionResult> OnPostRecurringAsync(CancellationToken cancellationToken) => ActAsync(async () =>
    {
        var publication = (await choices.PublicationsAsync(cancellationToken)).FirstOrDefault(p => p.Slug == Publication)
            ?? throw new ScheduleException(localizer["Choose the publication whose next draft edition goes out."]);
        if (string.IsNullOrWhiteSpace(Cron)) throw new ScheduleException(localizer["Give the cron expression of the sends, e.g. 0 0 10 ? * TUE#1 (first Tuesday of each month at 10:00)."]);
        var schedule = await planner.RecurringAsync(publication.Slug, Cron.Trim(), null, ChosenAudience(), cancellationToken);
        var next = ScheduledSend.Next(schedule, time.GetUtcNow());
        await activity.RecordAsync(User, "schedule", $"the next draft edition of {publication.Slug}",
            $"Schedule {schedule.Id}: at “{schedule.Cron}” ({schedule.TimeZone})" + (schedule.Audience is { } audience ? $", to {audience}." : "."));
        TempData["Message"] = (next is { } n
            ? localizer["Schedule {0}: the next draft edition of {1} at “{2}” ({3}), next {4} ({5} UTC).", schedule.Id, publication.Name, schedule.Cron!, schedule.TimeZone,
                ScheduledSend.Local(n, schedule.TimeZone), n.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)]
            : localizer["Schedule {0}: the next draft edition of {1} at “{2}” ({3}).", schedule.Id, publication.Name, schedule.Cron!, schedule.TimeZone]).Value;
        return RedirectToPage();
    }, cancellationToken);

    /// <summary>
    /// First shows what the schedule would send and when; with confirmed=yes cancels it, like `cecop schedules cancel ID`.
    /// What it would have sent is a draft again: editable, and offered here to schedule or send now.
    /// </summary>
    public Task<IActionResult> OnPostCancelScheduleAsync(long id, string? confirmed, CancellationToken cancellationToken) => ActAsync(async () =>
    {
        if (confirmed != "yes")
        {
            var schedule = await schedules.GetAsync(id, cancellationToken);
            if (schedule.Status != ScheduleStatus.Active)
                throw new ScheduleException(localizer["Schedule {0} is {1}: only an active schedule can be cancelled.", id, schedule.Status.ToString().ToLowerInvariant()]);
            ConfirmingCancel = schedule;
            await LoadAsync(cancellationToken);
            return Page();
        }
        var (cancelled, released) = await planner.CancelAsync(id, cancellationToken);
        await activity.RecordAsync(User, "cancel-schedule", released is { } draft ? Describe(draft) : $"the next draft edition of {cancelled.Publication}",
            released is null ? $"Schedule {cancelled.Id} cancelled." : $"Schedule {cancelled.Id} cancelled; what it would send is a draft again.");
        TempData["Message"] = (released is { } source
            ? localizer["Schedule {0} cancelled. {1} is a draft again: edit it under Content, schedule it or send it now.", cancelled.Id, Describe(source)]
            : localizer["Schedule {0} cancelled.", cancelled.Id]).Value;
        return RedirectToPage();
    }, cancellationToken);

    /// <summary>What a schedule sends, in words: "CECOP Newsletter #3 (edition 12)" or "the next draft edition of cecop-link".</summary>
    public string What(Schedule schedule) => schedule.Source is { } text
        ? Titles.TryGetValue(text, out var title) ? title : text
        : localizer["the next draft edition of {0}", schedule.Publication!];

    /// <summary>What cancelling <paramref name="schedule"/> means, in one paragraph of the confirmation.</summary>
    public string CancelSentence(Schedule schedule)
    {
        var sends = schedule.Cron is { } cron ? localizer["It would send {0} at “{1}” ({2}).", What(schedule), cron, schedule.TimeZone]
            : schedule.RunAt is { } at ? localizer["It would send {0} at {1}.", What(schedule), ScheduledSend.Local(at, schedule.TimeZone)]
            : localizer["It would send {0}.", What(schedule)];
        return sends + " " + (schedule.Source is null
            ? localizer["Nothing more is sent on its behalf."]
            : localizer["Nothing is sent, and what it would send becomes a draft again: you can edit it, schedule it again or send it now."]);
    }

    /// <summary>Whom a schedule sends to: its chosen segment's name, or the content's own audience.</summary>
    public string AudienceName(Schedule schedule) => schedule.Audience is not { } chosen
        ? localizer["the content's own audience"]
        : Segments.FirstOrDefault(s => $"segment:{s.Slug}" == chosen) is { } segment ? localizer["the segment {0}", segment.Name] : chosen;

    /// <summary>Titles of editions and campaign mailings by source, for the schedules table.</summary>
    public IReadOnlyDictionary<string, string> Titles { get; private set; } = new Dictionary<string, string>();

    /// <summary>The next occurrence of an active schedule, or null.</summary>
    public DateTimeOffset? Next(Schedule schedule) => ScheduledSend.Next(schedule, Now);

    private MailingSource ChosenSource() => string.IsNullOrWhiteSpace(Source)
        ? throw new ScheduleException(localizer["Choose the edition or campaign mailing to send."])
        : MailingSourceArgument.Parse(Source);

    /// <summary>The segment chosen as the audience, or null for the content's own; only segments are offered.</summary>
    private string? ChosenAudience() => string.IsNullOrWhiteSpace(Audience) ? null
        : Audience.Trim().StartsWith("segment:", StringComparison.Ordinal) ? Audience.Trim()
        : throw new MailingException(localizer["Choose one of the segments as the audience, or the content's own audience."]);

    /// <summary>The refusal of members-only content to a segment that reaches others, naming how many.</summary>
    private string MembersOnlyRefusal(MembersOnlyException e) => (e.NonMembers == 1
        ? localizer["This content is for members only, and {0} reaches one person who is not a contact of a member organisation, so it cannot receive it. Choose a segment of members' contacts only, or the content's own audience.", e.AudienceName]
        : localizer["This content is for members only, and {0} reaches {1:N0} people who are not contacts of a member organisation, so it cannot receive it. Choose a segment of members' contacts only, or the content's own audience.", e.AudienceName, e.NonMembers]).Value;

    private string Describe(MailingSource source) =>
        Drafts.FirstOrDefault(d => d.Source == source)?.Label ?? (Titles.TryGetValue(source.ToString(), out var title) ? title : source.ToString());

    private async Task<IActionResult> ActAsync(Func<Task<IActionResult>> action, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return StatusCode(StatusCodes.Status403Forbidden);
        // The drafts and titles are read first so the message can name what was scheduled or cancelled.
        (Drafts, Titles) = await choices.CatalogueAsync(cancellationToken);
        Segments = await choices.SegmentsAsync(cancellationToken);
        try
        {
            return await action();
        }
        catch (Exception e) when (e is IUserError or KeyNotFoundException)
        {
            Problems.Add(e is MembersOnlyException refused ? MembersOnlyRefusal(refused) : e.Message);
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Mailings = await mailings.ListAsync(null, MailingLimit, cancellationToken);
        Schedules = (await schedules.ListAsync(null, cancellationToken)).OrderByDescending(s => s.Id).ToList();
        (Drafts, Titles) = await choices.CatalogueAsync(cancellationToken);
        Publications = await choices.PublicationsAsync(cancellationToken);
        Segments = await choices.SegmentsAsync(cancellationToken);
    }
}
