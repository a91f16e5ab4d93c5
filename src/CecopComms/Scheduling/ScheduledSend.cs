using System.Globalization;
using CecopComms.Audience;
using CecopComms.Content;
using CecopComms.Content.Editions;
using CecopComms.Delivery;
using Microsoft.Extensions.Options;
using Quartz;

namespace CecopComms.Scheduling;

/// <summary>
/// What a schedule's trigger does when it fires: find what to send (the schedule's edition or campaign mailing, or for a
/// recurring schedule the publication's next draft edition), start the mailing (its ledger written now; `cecop serve`'s
/// sender sends it), and record the occurrence. An occurrence later than the grace period (the engine was down) is not
/// sent: it is recorded as missed, and a one-off schedule becomes missed. A schedule with a chosen segment sends to it
/// as it is when it fires; if the content is members-only and the segment now reaches others (or it is gone), nothing
/// is sent and the one-off becomes failed, its note saying why.
/// </summary>
public sealed class ScheduledSend(ScheduleStore schedules, MailingStarter starter, EditionStore editions, IOptions<SchedulingOptions> options, TimeProvider time)
{
    /// <summary>Handles the occurrence of <paramref name="scheduleId"/>; returns the mailing started, or null (missed, refused, nothing to send, not active).</summary>
    public async Task<Mailing?> FireAsync(long scheduleId, CancellationToken cancellationToken)
    {
        var schedule = await schedules.GetAsync(scheduleId, cancellationToken);
        if (schedule.Status != ScheduleStatus.Active) return null;
        var now = time.GetUtcNow();
        var planned = PlannedOccurrence(schedule, now);
        var grace = TimeSpan.FromHours(options.Value.MisfireGraceHours);
        var once = schedule.Kind != "recurring";
        if (now - planned > grace)
        {
            await schedules.RecordAsync(schedule.Id, once ? ScheduleStatus.Missed : ScheduleStatus.Active, planned, null,
                $"missed: due {Local(planned, schedule.TimeZone)}, the engine was down until {Local(now, schedule.TimeZone)} (grace {grace.TotalHours:0.#} h)", cancellationToken);
            return null;
        }

        MailingSource source;
        if (once)
        {
            source = ParseSource(schedule.Source!);
        }
        else
        {
            var draft = (await editions.ListAsync(schedule.Publication, cancellationToken))
                .Where(e => e.State == ContentState.Draft).OrderBy(e => e.Year).ThenBy(e => e.Number).FirstOrDefault();
            if (draft is null)
            {
                await schedules.RecordAsync(schedule.Id, ScheduleStatus.Active, planned, null,
                    $"nothing sent on {Local(planned, schedule.TimeZone)}: {schedule.Publication} has no draft edition", cancellationToken);
                return null;
            }
            source = new MailingSource(MailingSourceKind.Edition, draft.Id);
        }
        Mailing mailing;
        try
        {
            // A chosen segment is resolved now, as it is at this moment: members-only content is refused again if it changed.
            mailing = await starter.StartAsync(source, MailingStatus.Running, schedule.Audience, cancellationToken);
        }
        catch (AudienceException refused) when (schedule.Audience is not null)
        {
            await schedules.RecordAsync(schedule.Id, once ? ScheduleStatus.Failed : ScheduleStatus.Active, planned, null,
                $"nothing sent on {Local(planned, schedule.TimeZone)}: {refused.Message}", cancellationToken);
            return null;
        }
        await schedules.RecordAsync(schedule.Id, once ? ScheduleStatus.Done : ScheduleStatus.Active, planned, mailing.Id,
            $"mailing {mailing.Id} started {Local(now, schedule.TimeZone)}: {mailing.Title}, {mailing.Total} recipients", cancellationToken);
        return mailing;
    }

    /// <summary>The occurrence being handled: a one-off's time, or a recurring schedule's latest due time.</summary>
    public static DateTimeOffset PlannedOccurrence(Schedule schedule, DateTimeOffset now)
    {
        if (schedule.Kind != "recurring") return schedule.RunAt ?? now;
        var cron = new CronExpression(schedule.Cron!, Zone(schedule.TimeZone));
        var due = cron.GetNextValidTimeAfter(schedule.LastFiredAt ?? schedule.CreatedAt) ?? now;
        // Several occurrences passed while the engine was down: the latest one due is the one handled.
        while (cron.GetNextValidTimeAfter(due) is { } next && next <= now) due = next;
        return due;
    }

    /// <summary>The next time the schedule fires after <paramref name="now"/>, or null.</summary>
    public static DateTimeOffset? Next(Schedule schedule, DateTimeOffset now) => schedule.Status != ScheduleStatus.Active
        ? null
        : schedule.Kind == "recurring"
            ? new CronExpression(schedule.Cron!, Zone(schedule.TimeZone)).GetNextValidTimeAfter(now)
            : schedule.RunAt;

    /// <exception cref="ScheduleException">Not an IANA (or Windows) time zone id.</exception>
    public static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ScheduleException($"'{id}' is not a time zone: give an IANA id such as Europe/Brussels or America/New_York.");
        }
    }

    /// <summary>A time as people in the schedule's zone read it.</summary>
    public static string Local(DateTimeOffset time, string zone) =>
        TimeZoneInfo.ConvertTime(time, Zone(zone)).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) + " " + zone;

    internal static MailingSource ParseSource(string text)
    {
        var colon = text.IndexOf(':');
        var id = long.Parse(text[(colon + 1)..], CultureInfo.InvariantCulture);
        return text[..colon] == "edition" ? new MailingSource(MailingSourceKind.Edition, id) : new MailingSource(MailingSourceKind.CampaignMailing, id);
    }
}
