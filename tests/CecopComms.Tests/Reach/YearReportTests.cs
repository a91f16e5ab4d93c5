using System.Globalization;
using CecopComms.Reach.Reports;
using CecopComms.Storage;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Reach;

/// <summary>
/// The year report over a synthetic year, checked figure by figure against counts this test makes on its own from what
/// the synthetic year wrote (not from the database).
/// </summary>
public sealed class YearReportTests
{
    [Fact]
    public async Task Every_figure_of_2023_compared_with_2022_matches_an_independent_count()
    {
        using var year = await SyntheticYear.CreateAsync();
        var periods = new[] { ReportPeriod.CalendarYear(2022, SyntheticYear.Brussels), ReportPeriod.CalendarYear(2023, SyntheticYear.Brussels) };
        var report = await year.Builder.BuildAsync(periods, SyntheticYear.Brussels, "en-GB", trackingEnabled: true, CancellationToken.None);

        var expected = Expected(year, periods);
        var actual = report.Figures.ToDictionary(f => f.Key, f => f.Values.ToArray());
        foreach (var (key, values) in expected)
        {
            Assert.True(actual.ContainsKey(key), $"the report has no figure '{key}'");
            Assert.True(values.SequenceEqual(actual[key]), $"{key}: expected {string.Join(", ", values)}, the report says {string.Join(", ", actual[key])}");
        }
        // Nothing in the report that the test did not count.
        Assert.Empty(actual.Keys.Except(expected.Keys));

        // The headline figures of CECOP's 2023, as the synthetic year was built to give them.
        Assert.Equal(3_495, actual["subscribers.external-newsletter"][1]);
        Assert.Equal(9, actual["editions.cecop-link"][1]);
        Assert.Equal(1, actual["editions.cecop-newsletter"][1]);
        Assert.Equal(1, actual["editions.cecop-link"][0]);
        Assert.Equal(5_573, actual["channel.twitter.followers"][1]);
        Assert.Equal("+2.7%", Growth.Text(report.Figures.Single(f => f.Key == "channel.twitter.followers").Growths[1], CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("CECOP activity report 2023", report.Figures.Single(f => f.Key == "channel.linkedin.followers").SourceText);
    }

    [Fact]
    public async Task Kept_mailing_figures_give_the_same_report_and_a_late_bounce_is_counted()
    {
        using var year = await SyntheticYear.CreateAsync(channels: false);
        var periods = new[] { ReportPeriod.CalendarYear(2023, SyntheticYear.Brussels) };
        var first = await year.Builder.BuildAsync(periods, SyntheticYear.Brussels, "en-GB", true, CancellationToken.None);
        Assert.True(await year.Database.ExecuteScalarAsync<long>("SELECT count(*) FROM mailing_figures", null, CancellationToken.None) >= 12);
        var second = await year.Builder.BuildAsync(periods, SyntheticYear.Brussels, "en-GB", true, CancellationToken.None);
        Assert.Equal(first.Figures.Select(f => (f.Key, f.Values[0])), second.Figures.Select(f => (f.Key, f.Values[0])));

        // A delivery status report arrives later for a message that was delivered: the kept figures are computed again.
        var mailing = year.Sent.First(m => m.StartedAt.Year == 2023 && m.Stream == "cecop-newsletter");
        var victim = mailing.Delivered.First();
        await year.Database.ExecuteScalarAsync<long>(
            "INSERT INTO bounces (mailing_id, subscriber_id, kind, code, reply, source, bounced_at) VALUES (@M, @S, 'hard', '550', 'gone', 'dsn', '2023-11-25T10:00:00.000Z') RETURNING id",
            new { M = mailing.Id, S = victim }, CancellationToken.None);
        var third = await year.Builder.BuildAsync(periods, SyntheticYear.Brussels, "en-GB", true, CancellationToken.None);
        long Value(YearReport r, string key) => r.Figures.Single(f => f.Key == key).Values[0]!.Value;
        Assert.Equal(Value(first, "delivered.cecop-newsletter") - 1, Value(third, "delivered.cecop-newsletter"));
        Assert.Equal(Value(first, "bounces.hard") + 1, Value(third, "bounces.hard"));
    }

    [Fact]
    public async Task Without_tracking_and_without_events_opens_and_clicks_are_missing_not_zero()
    {
        using var year = await SyntheticYear.CreateAsync(channels: false);
        await year.Database.ExecuteScalarAsync<long>("DELETE FROM events WHERE kind IN ('open', 'click')", null, CancellationToken.None);
        var report = await year.Builder.BuildAsync([ReportPeriod.CalendarYear(2023, SyntheticYear.Brussels)], SyntheticYear.Brussels, "en-GB", false, CancellationToken.None);
        Assert.False(report.Tracked);
        Assert.Null(report.Figures.Single(f => f.Key == "opens").Values[0]);
        Assert.Null(report.Figures.Single(f => f.Key == "clicks").Values[0]);
    }

    [Fact]
    public async Task A_year_that_ended_before_the_database_knew_anything_has_no_data_not_zeros()
    {
        using var year = await SyntheticYear.CreateAsync();
        // The synthetic history starts with confirmations in January 2021: 2020 is before the engine, 2021 is not.
        var periods = new[] { 2020, 2021, 2023 }.Select(y => ReportPeriod.CalendarYear(y, SyntheticYear.Brussels)).ToArray();
        var report = await year.Builder.BuildAsync(periods, SyntheticYear.Brussels, "en-GB", trackingEnabled: true, CancellationToken.None);

        foreach (var figure in report.Figures.Where(f => f.Sources.Skip(1).All(s => s == ReportDefinitions.Database)))
        {
            Assert.Null(figure.Values[0]);
            Assert.Null(figure.Sources[0]);
            Assert.NotNull(figure.Values[2]);
        }
        Assert.True(report.Figures.Single(f => f.Key == "subscribers.external-newsletter").Values[1] > 0);
        Assert.Equal(0, report.Figures.Single(f => f.Key == "bounces.hard").Values[1]);
        // The channel figures, typed in from CECOP's own records, are not the database's and keep their values.
        Assert.Contains(report.Figures, f => f.Section != "Email audience" && f.Sources[0] is not null && f.Sources[0] != ReportDefinitions.Database || f.Values[0] is null);
    }

    [Fact]
    public async Task In_a_zone_with_a_half_hour_offset_the_subscriber_figures_are_still_exact()
    {
        using var year = await SyntheticYear.CreateAsync(channels: false);
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var periods = new[] { ReportPeriod.CalendarYear(2022, kolkata), ReportPeriod.CalendarYear(2023, kolkata) };
        var report = await year.Builder.BuildAsync(periods, kolkata, "en-GB", true, CancellationToken.None);
        var expected = Expected(year, periods);
        foreach (var figure in report.Figures.Where(f => f.Section == "Email audience"))
            Assert.True(expected[figure.Key].SequenceEqual(figure.Values), $"{figure.Key}: expected {string.Join(", ", expected[figure.Key])}, got {string.Join(", ", figure.Values)}");
    }

    /// <summary>Every figure of the report, counted from the synthetic year's own record of what it wrote.</summary>
    internal static Dictionary<string, long?[]> Expected(SyntheticYear year, IReadOnlyList<ReportPeriod> periods)
    {
        var expected = new Dictionary<string, long?[]>();
        void Add(string key, Func<ReportPeriod, long?> value) => expected[key] = periods.Select(value).ToArray();

        foreach (var list in new[] { "cecop-link", "external-newsletter" })
        {
            var subs = year.Subscriptions.Where(s => s.List == list).ToList();
            long At(DateTimeOffset t) => subs.Count(s => s.ConfirmedAt < t && !(s.UnsubscribedAt < t));
            Add($"subscribers.{list}", p => At(p.To));
            Add($"net-growth.{list}", p => At(p.To) - At(p.From));
            Add($"new-subscribers.{list}", p => subs.Count(s => s.ConfirmedAt is { } c && p.Contains(c)));
            Add($"unsubscribes.{list}", p => subs.Count(s => s.ConfirmedAt is not null && s.UnsubscribedAt is { } u && p.Contains(u)));
        }
        Add("bounces.hard", p => year.Bounces.Count(b => b.Kind == "hard" && p.Contains(b.At)));
        Add("bounces.soft", p => year.Bounces.Count(b => b.Kind == "soft" && p.Contains(b.At)));

        IEnumerable<SentMailing> In(ReportPeriod p, string? stream = null) => year.Sent.Where(m => p.Contains(m.StartedAt) && (stream is null || m.Stream == stream));
        foreach (var stream in new[] { "cecop-link", "cecop-newsletter" })
            Add($"editions.{stream}", p => In(p, stream).Where(m => m.SentTo.Count > 0).Select(m => m.Source.Id).Distinct().Count());
        // The campaign appears as a stream only in periods where it sent; it started in 2023, so 2022 counts zero.
        Add("campaign-mailings.coopskills2023", p => In(p, "coopskills2023").Count(m => m.SentTo.Count > 0));
        foreach (var stream in new[] { "cecop-link", "cecop-newsletter", "coopskills2023" })
        {
            Add($"sent.{stream}", p => In(p, stream).Sum(m => m.SentTo.Count));
            Add($"delivered.{stream}", p => In(p, stream).Sum(m => m.Delivered.Count()));
            Add($"reach.{stream}", p => In(p, stream).SelectMany(m => m.Delivered).Distinct().Count());
        }
        Add("sent", p => In(p).Sum(m => m.SentTo.Count));
        Add("delivered", p => In(p).Sum(m => m.Delivered.Count()));
        Add("reach", p => In(p).SelectMany(m => m.Delivered).Distinct().Count());
        Add("opens", p => In(p).Sum(m => m.Opened.Count));
        Add("clicks", p => In(p).Sum(m => m.Clicked.Count));

        if (year.ChannelsLoaded)
        {
            var csv = File.ReadAllLines(SyntheticYear.RepositoryFile("samples/channels.csv")).Skip(1).Select(l => l.Split(',')).ToList();
            foreach (var group in csv.GroupBy(c => $"channel.{c[0]}.{c[1]}"))
            {
                if (!periods.Any(p => group.Any(c => int.Parse(c[2], CultureInfo.InvariantCulture) == p.Year))) continue;
                Add(group.Key, p => group.Where(c => int.Parse(c[2], CultureInfo.InvariantCulture) == p.Year).Select(c => (long?)long.Parse(c[3], CultureInfo.InvariantCulture)).SingleOrDefault());
            }
        }
        return expected;
    }
}
