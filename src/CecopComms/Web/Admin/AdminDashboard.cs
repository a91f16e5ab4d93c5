using CecopComms.Delivery;
using CecopComms.Reach.Reports;
using CecopComms.Scheduling;
using CecopComms.Storage;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Admin;

/// <summary>What the admin home page shows: the next scheduled sends, mailings in progress, and this year at a glance.</summary>
public sealed class AdminDashboard(Database database, ScheduleStore schedules, YearReportBuilder reports, IOptions<SchedulingOptions> scheduling,
    IOptionsMonitor<Delivery.Tracking.TrackingOptions> tracking, TimeProvider time)
{
    private readonly AdminQueries _queries = QueryLoader.Load<AdminQueries>(database.Dialect, "admin");

    /// <summary>Mailings scheduled, running or paused, newest first (100 at most).</summary>
    public Task<IReadOnlyList<Mailing>> MailingsInProgressAsync(CancellationToken cancellationToken) =>
        database.QueryListAsync<Mailing>(_queries.MailingsInProgress, null, cancellationToken);

    /// <summary>The active schedules' next occurrences, soonest first, <paramref name="count"/> at most.</summary>
    /// <exception cref="ScheduleException">A schedule names a time zone this machine does not know.</exception>
    public async Task<IReadOnlyList<UpcomingSend>> NextSendsAsync(int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return (await schedules.ListAsync(ScheduleStatus.Active, cancellationToken))
            .Select(s => (Schedule: s, Next: ScheduledSend.Next(s, now)))
            .Where(s => s.Next is not null)
            .OrderBy(s => s.Next)
            .Take(count)
            .Select(s => new UpcomingSend(s.Schedule, s.Next!.Value, ScheduledSend.Local(s.Next.Value, s.Schedule.TimeZone)))
            .ToList();
    }

    /// <summary>
    /// This calendar year (in Scheduling:TimeZone) at a glance: subscribers per list, editions sent per publication and
    /// people reached, the same figures `cecop report year` prints.
    /// </summary>
    public async Task<YearAtAGlance> ThisYearAsync(CancellationToken cancellationToken)
    {
        var zone = scheduling.Value.Zone;
        var year = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).Year;
        var report = await reports.BuildAsync([ReportPeriod.CalendarYear(year, zone)], zone, "en-GB",
            tracking.CurrentValue.Enabled, cancellationToken);
        return new YearAtAGlance(year,
            report.Figures.Where(f => f.Key.StartsWith("subscribers.", StringComparison.Ordinal)).ToList(),
            report.Figures.Where(f => f.Key.StartsWith("editions.", StringComparison.Ordinal)).ToList(),
            report.Figures.Single(f => f.Key == "reach"));
    }
}
