using CecopComms.Hosting;
using System.Globalization;

namespace CecopComms.Reach.Reports;

/// <summary>
/// One column of a report: a calendar year or a span of days, read in the report's time zone (Europe/Brussels by
/// default) and held as the UTC instants [From, To) the tables are compared with.
/// </summary>
public sealed record ReportPeriod(string Label, int Year, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>1 January 00:00 to the next 1 January 00:00, local time in <paramref name="zone"/>.</summary>
    public static ReportPeriod CalendarYear(int year, TimeZoneInfo zone) =>
        new(year.ToString(CultureInfo.InvariantCulture), year, Start(new DateOnly(year, 1, 1), zone), Start(new DateOnly(year + 1, 1, 1), zone));

    /// <summary>The calendar years of a report: those to compare with, then <paramref name="year"/>, each once.</summary>
    /// <exception cref="ReachException">A year is outside 2000–2100.</exception>
    public static IReadOnlyList<ReportPeriod> CalendarYears(int year, IEnumerable<int> compare, TimeZoneInfo zone) =>
        compare.Append(year).Distinct()
            .Select(y => y is < 2000 or > 2100 ? throw new ReachException($"The year {y} is not between 2000 and 2100.") : CalendarYear(y, zone))
            .ToList();

    /// <summary>From the start of <paramref name="first"/> to the end of <paramref name="last"/> (both days included), local time in <paramref name="zone"/>.</summary>
    /// <exception cref="ReachException">The last day is before the first.</exception>
    public static ReportPeriod Days(DateOnly first, DateOnly last, TimeZoneInfo zone)
    {
        if (last < first) throw new ReachException($"The period ends ({last:yyyy-MM-dd}) before it starts ({first:yyyy-MM-dd}).").WithCliHint("--to must be on or after --from.");
        return new($"{first:yyyy-MM-dd} – {last:yyyy-MM-dd}", last.Year, Start(first, zone), Start(last.AddDays(1), zone));
    }

    /// <summary>The UTC instant local midnight of <paramref name="day"/> falls on in <paramref name="zone"/>.</summary>
    public static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a clock change does not exist; the day then starts at the first instant that does.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>True when <paramref name="instant"/> falls in [From, To).</summary>
    public bool Contains(DateTimeOffset instant) => instant >= From && instant < To;
}
