using CecopComms.Content;
using Microsoft.Extensions.Options;
using Quartz;
using CecopComms.Hosting;

namespace CecopComms.Scheduling;

/// <summary>Makes schedules: a one-off send at a local time, a recurring edition by cron, a campaign's planned mailings.</summary>
public sealed class SchedulePlanner(ScheduleStore schedules, ScheduleTriggers triggers, IMailingContent content, Content.Publications.PublicationStore publications,
    Delivery.MailingStore mailings, Audience.AudienceResolver audiences, IOptions<SchedulingOptions> options, TimeProvider time)
{
    /// <summary>Sends <paramref name="source"/> at <paramref name="at"/> (see <see cref="ParseTime"/>), in the default time zone for display.</summary>
    /// <exception cref="ScheduleException">The time is past or the zone unknown.</exception>
    /// <exception cref="ContentValidationException">The content does not compile: it is checked now, not at send time.</exception>
    public Task<Schedule> OnceAsync(MailingSource source, DateTimeOffset at, CancellationToken cancellationToken) => OnceAsync(source, at, null, cancellationToken);

    /// <summary>
    /// As <see cref="OnceAsync(MailingSource, DateTimeOffset, CancellationToken)"/>, to <paramref name="audienceReference"/>
    /// ("segment:SLUG") instead of the content's own audience when given. The members-only rule is checked now against the
    /// segment as it is, and again when the schedule fires.
    /// </summary>
    /// <exception cref="ScheduleException">The time is past or the zone unknown.</exception>
    /// <exception cref="ContentValidationException">The content does not compile.</exception>
    /// <exception cref="Audience.AudienceException">The segment does not exist.</exception>
    /// <exception cref="Audience.MembersOnlyException">The content is members-only and the segment reaches someone else.</exception>
    public async Task<Schedule> OnceAsync(MailingSource source, DateTimeOffset at, string? audienceReference, CancellationToken cancellationToken)
    {
        if (at <= time.GetUtcNow()) throw new ScheduleException($"{at:yyyy-MM-dd HH:mm zzz} is already past: give a time to come, or send it now.");
        var compiled = await content.CompileAsync(source, cancellationToken);
        if (audienceReference is not null) (await audiences.ForContentAsync(compiled.AudienceReference, audienceReference, cancellationToken)).KeepingMembersOnly();
        var schedule = await schedules.AddAsync(new Schedule { Kind = "once", Source = source.ToString(), RunAt = at, TimeZone = ZoneOf(null), Audience = audienceReference }, cancellationToken);
        await AddTriggerAsync(schedule, cancellationToken);
        await content.SetStateAsync(source, ContentState.Scheduled, cancellationToken);
        return schedule;
    }

    /// <summary>Sends the next draft edition of <paramref name="publication"/> at every time of <paramref name="cron"/> (Quartz syntax) in <paramref name="zone"/>.</summary>
    /// <exception cref="ScheduleException">The cron expression does not parse or the zone is unknown.</exception>
    /// <exception cref="ContentValidationException">There is no such publication.</exception>
    public Task<Schedule> RecurringAsync(string publication, string cron, string? zone, CancellationToken cancellationToken) =>
        RecurringAsync(publication, cron, zone, null, cancellationToken);

    /// <summary>
    /// As <see cref="RecurringAsync(string, string, string?, CancellationToken)"/>, each edition to
    /// <paramref name="audienceReference"/> ("segment:SLUG"): the people of the publication's audience whom the segment
    /// holds at each occurrence. The members-only rule is checked now against the segment as it is, and again at each
    /// occurrence (an occurrence it refuses sends nothing and is noted).
    /// </summary>
    /// <exception cref="ScheduleException">The cron expression does not parse or the zone is unknown.</exception>
    /// <exception cref="ContentValidationException">There is no such publication.</exception>
    /// <exception cref="Audience.AudienceException">The segment does not exist.</exception>
    /// <exception cref="Audience.MembersOnlyException">The publication is members-only and the segment reaches someone else.</exception>
    public async Task<Schedule> RecurringAsync(string publication, string cron, string? zone, string? audienceReference, CancellationToken cancellationToken)
    {
        // A schedule for a publication that does not exist would fire for ever and send nothing: refuse it now, by name.
        var found = await publications.GetAsync(publication, cancellationToken);
        if (!CronExpression.TryParse(cron, out _))
            throw new ScheduleException($"'{cron}' is not a Quartz cron expression: seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 10 ? * TUE#1\" (first Tuesday of each month at 10:00).");
        if (audienceReference is not null) (await audiences.ForContentAsync(found.Audience, audienceReference, cancellationToken)).KeepingMembersOnly();
        var schedule = await schedules.AddAsync(new Schedule { Kind = "recurring", Publication = publication, Cron = cron, TimeZone = ZoneOf(zone), Audience = audienceReference }, cancellationToken);
        await AddTriggerAsync(schedule, cancellationToken);
        return schedule;
    }

    /// <summary>A schedule for each planned mailing of the campaign still to come; returns them and how many planned dates were already past.</summary>
    /// <exception cref="KeyNotFoundException">No such campaign.</exception>
    public Task<(IReadOnlyList<Schedule> Added, int Past)> CampaignAsync(string campaign, CancellationToken cancellationToken) =>
        CampaignAsync(campaign, null, cancellationToken);

    /// <summary>
    /// As <see cref="CampaignAsync(string, CancellationToken)"/>, every mailing to <paramref name="audienceReference"/>
    /// ("segment:SLUG") when given. Every mailing still to come is compiled and checked against the segment first, so
    /// either all of them are scheduled or none is.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such campaign.</exception>
    /// <exception cref="ContentValidationException">A mailing does not compile.</exception>
    /// <exception cref="Audience.AudienceException">The segment does not exist.</exception>
    /// <exception cref="Audience.MembersOnlyException">A mailing is members-only and the segment reaches someone else.</exception>
    public async Task<(IReadOnlyList<Schedule> Added, int Past)> CampaignAsync(string campaign, string? audienceReference, CancellationToken cancellationToken)
    {
        var plan = await content.CampaignPlanAsync(campaign, cancellationToken);
        var now = time.GetUtcNow();
        var coming = plan.Where(p => p.PlannedAt > now).ToList();
        if (audienceReference is not null)
            foreach (var planned in coming)
            {
                var compiled = await content.CompileAsync(planned.Source, cancellationToken);
                (await audiences.ForContentAsync(compiled.AudienceReference, audienceReference, cancellationToken)).KeepingMembersOnly();
            }
        var added = new List<Schedule>();
        foreach (var planned in coming)
        {
            var schedule = await schedules.AddAsync(new Schedule
            {
                Kind = "campaign", Source = planned.Source.ToString(), Campaign = campaign, RunAt = planned.PlannedAt, TimeZone = ZoneOf(null), Audience = audienceReference,
            }, cancellationToken);
            await AddTriggerAsync(schedule, cancellationToken);
            added.Add(schedule);
        }
        return (added, plan.Count(p => p.PlannedAt <= now));
    }

    /// <summary>
    /// Cancels an active schedule. What it would have sent becomes a draft again (editable, and offered to schedule or send
    /// now), unless another active schedule or a mailing still holds it.
    /// </summary>
    /// <returns>The cancelled schedule, and the edition or campaign mailing that is a draft again, if one is.</returns>
    /// <exception cref="ScheduleException">No such schedule, or it is no longer active.</exception>
    public async Task<(Schedule Schedule, MailingSource? Released)> CancelAsync(long id, CancellationToken cancellationToken)
    {
        if (!await schedules.CancelAsync(id, cancellationToken))
            throw new ScheduleException($"Schedule {id} is {(await schedules.GetAsync(id, cancellationToken)).Status.ToString().ToLowerInvariant()}: only an active schedule can be cancelled.");
        var scheduler = await triggers.CreateSchedulerAsync(cancellationToken);
        try { await triggers.RemoveAsync(scheduler, id, cancellationToken); }
        finally { await scheduler.Shutdown(false, cancellationToken); }
        var schedule = await schedules.GetAsync(id, cancellationToken);
        if (schedule.Source is not { } text) return (schedule, null);
        if ((await HeldSourcesAsync(cancellationToken)).Contains(text)) return (schedule, null);
        var source = ScheduledSend.ParseSource(text);
        await content.SetStateAsync(source, ContentState.Draft, cancellationToken);
        return (schedule, source);
    }

    /// <summary>
    /// Every source ("edition:12", "campaign-mailing:4") that something still holds: an active schedule, or a mailing
    /// that is not cancelled (sending, paused, waiting or sent). Such content is not a draft to offer again.
    /// </summary>
    public async Task<IReadOnlySet<string>> HeldSourcesAsync(CancellationToken cancellationToken)
    {
        var held = new HashSet<string>(await mailings.SourcesWithLiveMailingAsync(cancellationToken), StringComparer.Ordinal);
        foreach (var s in await schedules.ListAsync(ScheduleStatus.Active, cancellationToken))
            if (s.Source is { } source) held.Add(source);
        return held;
    }

    /// <summary>Reads a time as given: with an offset or Z it is exact; without, it is a wall-clock time in <paramref name="zone"/> (default Scheduling:TimeZone).</summary>
    /// <exception cref="ScheduleException">The text is not a date and time, or the zone is unknown.</exception>
    public DateTimeOffset ParseTime(string text, string? zone)
    {
        var styles = System.Globalization.DateTimeStyles.AllowWhiteSpaces;
        string[] local = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"];
        if (DateTime.TryParseExact(text, local, System.Globalization.CultureInfo.InvariantCulture, styles, out var wall))
        {
            var tz = ScheduledSend.Zone(ZoneOf(zone));
            return new DateTimeOffset(wall, tz.GetUtcOffset(wall));
        }
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, styles, out var exact) && (text.Contains('+') || text.EndsWith('Z') || text.LastIndexOf('-') > 9))
            return exact;
        throw new ScheduleException($"'{text}' is not a time: write \"2026-12-01 10:00\" (in {ZoneOf(zone)}) or an ISO time with an offset.")
            .WithCliHint("Another time zone is given with --zone.");
    }

    private string ZoneOf(string? zone)
    {
        var id = string.IsNullOrWhiteSpace(zone) ? options.Value.TimeZone : zone.Trim();
        ScheduledSend.Zone(id);
        return id;
    }

    private async Task AddTriggerAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        var scheduler = await triggers.CreateSchedulerAsync(cancellationToken);
        try { await triggers.AddAsync(scheduler, schedule, cancellationToken); }
        finally { await scheduler.Shutdown(false, cancellationToken); }
    }
}
