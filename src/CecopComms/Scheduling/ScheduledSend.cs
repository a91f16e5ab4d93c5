using System.Data.Common;
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
    /// <summary>Handles the occurrence of <paramref name="scheduleId"/> due now; returns the mailing started, or null (missed, refused, nothing to send, not active).</summary>
    public Task<Mailing?> FireAsync(long scheduleId, CancellationToken cancellationToken) => FireAsync(scheduleId, null, cancellationToken);

    /// <summary>
    /// Handles the occurrence of <paramref name="scheduleId"/> that the trigger scheduled for <paramref name="scheduledFireTime"/>
    /// (null: the one due now). The occurrence's idempotency key (the schedule and the occurrence's planned time) is
    /// written in the transaction that creates its mailing, so a second firing of the same occurrence (a job recovered
    /// after its node died, a trigger fired twice, on this node or another) starts nothing and returns null.
    /// </summary>
    public async Task<Mailing?> FireAsync(long scheduleId, DateTimeOffset? scheduledFireTime, CancellationToken cancellationToken)
    {
        var schedule = await schedules.GetAsync(scheduleId, cancellationToken);
        if (schedule.Status != ScheduleStatus.Active) return null;
        var now = time.GetUtcNow();
        var planned = Occurrence(schedule, scheduledFireTime, now);
        var once = schedule.Kind != "recurring";
        if (await schedules.OccurrenceAsync(schedule.Id, planned, cancellationToken) is { } handled)
        {
            await RecordHandledAsync(schedule, planned, handled, cancellationToken);
            return null;
        }
        var grace = TimeSpan.FromHours(options.Value.MisfireGraceHours);
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
            mailing = await starter.StartAsync(source, MailingStatus.Running, schedule.Audience, cancellationToken, async (connection, transaction, id) =>
            {
                if (!await schedules.ClaimOccurrenceAsync(connection, transaction, schedule.Id, planned, id, cancellationToken))
                    throw new OccurrenceHandledException();
            });
        }
        catch (Exception e) when (e is OccurrenceHandledException or MailingException or DbException)
        {
            // Another firing of the same occurrence started its mailing first (at the same moment, on another node):
            // this one created nothing, its transaction rolled back.
            if (await schedules.OccurrenceAsync(schedule.Id, planned, cancellationToken) is not { } first) throw;
            await RecordHandledAsync(schedule, planned, first, cancellationToken);
            return null;
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

    /// <summary>
    /// The occurrence a firing handles, its idempotency key: a one-off's time; for a recurring schedule the trigger's
    /// scheduled fire time when it is one of the cron's times (a firing on time, or a job recovered with its original
    /// time), else (a misfire fired now) the latest due time.
    /// </summary>
    public static DateTimeOffset Occurrence(Schedule schedule, DateTimeOffset? scheduledFireTime, DateTimeOffset now)
    {
        if (schedule.Kind == "recurring" && scheduledFireTime is { } fired
            && new CronExpression(schedule.Cron!, Zone(schedule.TimeZone)).IsSatisfiedBy(fired) && fired.Millisecond == 0)
            return fired;
        return PlannedOccurrence(schedule, scheduledFireTime ?? now);
    }

    /// <summary>An occurrence another firing handled: recorded as it would have been, unless it already is.</summary>
    private async Task RecordHandledAsync(Schedule schedule, DateTimeOffset planned, long mailingId, CancellationToken cancellationToken)
    {
        if (schedule.LastFiredAt == planned) return;
        await schedules.RecordAsync(schedule.Id, schedule.Kind != "recurring" ? ScheduleStatus.Done : ScheduleStatus.Active, planned,
            mailingId == 0 ? null : mailingId, $"mailing {mailingId} started for the occurrence of {Local(planned, schedule.TimeZone)}", cancellationToken);
    }

    private sealed class OccurrenceHandledException : Exception;

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
