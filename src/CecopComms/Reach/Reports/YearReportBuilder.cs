using System.Globalization;
using CecopComms.Reach.Channels;
using CecopComms.Reach.Figures;
using CecopComms.Reach.Past;
using CecopComms.Storage;
using Dapper;

namespace CecopComms.Reach.Reports;

/// <summary>
/// Computes the year report from the engine's tables and the channel figures. Every email figure is counted here from
/// subscriptions, mailings, the ledger, bounces and events (through <see cref="MailingFigureStore"/>). Only for a year the
/// database has no figure of its own (the years before the engine) does it show the e-mail figure staff entered from
/// CECOP's records (<see cref="PastEmailFigureStore"/>), with that entry's source.
/// </summary>
public sealed class YearReportBuilder(Database database, MailingFigureStore mailings, ChannelFigureStore channels, PastEmailFigureStore past, TimeProvider time)
{
    private readonly ReachQueries _queries = QueryLoader.Load<ReachQueries>(database.Dialect, "reach");

    /// <summary>Builds the report for <paramref name="periods"/>, which are put oldest first.</summary>
    /// <exception cref="ReachException">No period was given.</exception>
    public async Task<YearReport> BuildAsync(IReadOnlyList<ReportPeriod> periods, TimeZoneInfo zone, string culture, bool trackingEnabled, CancellationToken cancellationToken)
    {
        if (periods.Count == 0) throw new ReachException("A report needs at least one period.");
        periods = periods.OrderBy(p => p.From).ToArray();
        var from = periods[0].From;
        var to = periods.Max(p => p.To);

        var started = await mailings.StartedAsync(from, to, cancellationToken);
        var figures = await mailings.FiguresAsync(started, cancellationToken);
        var lines = new List<ReportFigure>();
        var months = MonthStarts(from, to, zone);

        var (subscriberLines, subscriberSeries) = await SubscriptionsAsync(periods, months, zone, cancellationToken);
        lines.AddRange(subscriberLines);
        lines.AddRange(await BouncesAsync(periods, cancellationToken));

        var publications = (await database.QueryListAsync<(string Slug, string Name)>(_queries.Publications, null, cancellationToken)).ToList();
        var streams = publications.Select(p => (Kind: "publication", p.Slug, p.Name))
            .Concat(started.Where(m => m.StreamKind == "campaign" && m.StreamSlug is not null)
                .Select(m => (Kind: "campaign", Slug: m.StreamSlug!, Name: m.StreamName ?? m.StreamSlug!)).Distinct().OrderBy(s => s.Name, StringComparer.Ordinal))
            .ToList();
        var byPeriod = periods.Select(p => started.Where(m => p.Contains(m.StartedAt)).ToList()).ToList();

        long?[] PerPeriod(Func<List<StartedMailing>, long> count) => byPeriod.Select(ms => (long?)count(ms)).ToArray();
        long Sum(IEnumerable<StartedMailing> ms, Func<MailingFigures, long> pick) => ms.Sum(m => pick(figures[m.Id]));
        long People(IEnumerable<StartedMailing> ms)
        {
            var union = PeopleSet.Empty();
            foreach (var m in ms) union.UnionWith(figures[m.Id].People);
            return union.Count;
        }
        IEnumerable<StartedMailing> Of((string Kind, string Slug, string Name) s, List<StartedMailing> ms) =>
            ms.Where(m => m.StreamKind == s.Kind && m.StreamSlug == s.Slug);

        var own = Enumerable.Repeat<string?>(ReportDefinitions.Database, periods.Count).ToArray();
        ReportFigure Line(string key, string section, string label, long?[] values, string definition) => new(key, section, label, values, own, definition);

        foreach (var s in streams)
            lines.Add(s.Kind == "publication"
                ? Line($"editions.{s.Slug}", "Email sending", $"Editions sent: {s.Name}",
                    PerPeriod(ms => Of(s, ms).Where(m => figures[m.Id].Sent > 0).Select(m => m.SourceId).Distinct().LongCount()), "editions")
                : Line($"campaign-mailings.{s.Slug}", "Email sending", $"Campaign mailings sent: {s.Name}",
                    PerPeriod(ms => Of(s, ms).Where(m => figures[m.Id].Sent > 0).Select(m => m.SourceId).Distinct().LongCount()), "campaign-mailings"));
        foreach (var s in streams) lines.Add(Line($"sent.{s.Slug}", "Email sending", $"Messages sent: {s.Name}", PerPeriod(ms => Sum(Of(s, ms), f => f.Sent)), "sent"));
        lines.Add(Line("sent", "Email sending", "Messages sent: all mailings", PerPeriod(ms => Sum(ms, f => f.Sent)), "sent"));
        foreach (var s in streams) lines.Add(Line($"delivered.{s.Slug}", "Email sending", $"Messages delivered: {s.Name}", PerPeriod(ms => Sum(Of(s, ms), f => f.Delivered)), "delivered"));
        lines.Add(Line("delivered", "Email sending", "Messages delivered: all mailings", PerPeriod(ms => Sum(ms, f => f.Delivered)), "delivered"));
        foreach (var s in streams) lines.Add(Line($"reach.{s.Slug}", "Email reach", $"People reached: {s.Name}", PerPeriod(ms => People(Of(s, ms))), "reach"));
        lines.Add(Line("reach", "Email reach", "People reached: all mailings", PerPeriod(People), "reach"));

        var tracked = trackingEnabled || started.Any(m => figures[m.Id].Opened + figures[m.Id].Clicked > 0);
        var untracked = Enumerable.Repeat<long?>(null, periods.Count).ToArray();
        lines.Add(Line("opens", "Email reach", "Opens (people per mailing)", tracked ? PerPeriod(ms => Sum(ms, f => f.Opened)) : untracked, "opens"));
        lines.Add(Line("clicks", "Email reach", "Clicks (people per mailing)", tracked ? PerPeriod(ms => Sum(ms, f => f.Clicked)) : untracked, "clicks"));

        // A period that ended before the database knew anything (the years before the engine) has no data of its own:
        // its email figures are left empty rather than shown as zeros from "CecopComms database".
        var first = await database.QuerySingleOrDefaultAsync<DateTimeOffset?>(_queries.FirstRecord, null, cancellationToken);
        var before = periods.Select(p => first is not { } f || p.To <= f).ToArray();
        if (before.Any(b => b))
            lines = lines.Select(l => l with
            {
                Values = l.Values.Select((v, i) => before[i] ? null : v).ToArray(),
                Sources = l.Sources.Select((s, i) => before[i] ? null : s).ToArray(),
            }).ToList();

        var setAside = await PastAsync(lines, periods, publications, cancellationToken);
        var (channelLines, channelSeries) = await ChannelsAsync(periods, cancellationToken);
        lines.AddRange(channelLines);

        var editionSeries = publications.Select(p => new ChartSeries(p.Name, months.Zip(months.Skip(1).Append(to), (start, end) => new ChartPoint(
            MonthLabel(start, zone),
            started.Where(m => m.StreamKind == "publication" && m.StreamSlug == p.Slug && m.StartedAt >= start && m.StartedAt < end && figures[m.Id].Sent > 0)
                .Select(m => m.SourceId).Distinct().LongCount())).ToArray())).ToArray();

        var years = periods.Select(p => p.Label).ToArray();
        return new YearReport
        {
            Title = periods.Count == 1 ? $"CECOP in numbers: {years[0]}" : $"CECOP in numbers: {years[^1]} compared with {string.Join(", ", years[..^1])}",
            Periods = periods,
            TimeZone = zone.Id,
            Culture = culture,
            GeneratedAt = time.GetUtcNow(),
            Figures = lines,
            Definitions = ReportDefinitions.All,
            ChannelSeries = channelSeries,
            SubscriberSeries = subscriberSeries,
            EditionSeries = editionSeries,
            Tracked = tracked,
            SetAside = setAside,
        };
    }

    private async Task<(List<ReportFigure>, IReadOnlyList<ChartSeries>)> SubscriptionsAsync(IReadOnlyList<ReportPeriod> periods, IReadOnlyList<DateTimeOffset> months,
        TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        // Buckets of an hour are exact when every boundary falls on a whole UTC hour (any zone with whole-hour offsets,
        // Europe/Brussels included); otherwise buckets of a minute are.
        var boundaries = periods.SelectMany(p => new[] { p.From, p.To }).Concat(months).ToArray();
        var hours = boundaries.All(b => b is { Minute: 0, Second: 0, Millisecond: 0 });
        var changes = await database.QueryListAsync<(long ListId, string Bucket, long Confirmed, long Unsubscribed)>(
            hours ? _queries.SubscriptionChanges : _queries.SubscriptionChangesByMinute, null, cancellationToken);
        var lists = await database.QueryListAsync<(long Id, string Slug, string Name)>(_queries.Lists, null, cancellationToken);
        var parsed = changes.Select(c => (c.ListId, Start: BucketStart(c.Bucket), c.Confirmed, c.Unsubscribed)).ToList();
        var source = Enumerable.Repeat<string?>(ReportDefinitions.Database, periods.Count).ToArray();

        long At(long list, DateTimeOffset instant) => parsed.Where(c => c.ListId == list && c.Start < instant).Sum(c => c.Confirmed - c.Unsubscribed);
        long Between(long list, ReportPeriod p, bool confirmed) =>
            parsed.Where(c => c.ListId == list && c.Start >= p.From && c.Start < p.To).Sum(c => confirmed ? c.Confirmed : c.Unsubscribed);

        var lines = new List<ReportFigure>();
        foreach (var l in lists)
            lines.Add(new($"subscribers.{l.Slug}", "Email audience", $"Subscribers at the end of the period: {l.Name}",
                periods.Select(p => (long?)At(l.Id, p.To)).ToArray(), source, "subscribers"));
        foreach (var l in lists)
            lines.Add(new($"net-growth.{l.Slug}", "Email audience", $"Net growth: {l.Name}",
                periods.Select(p => (long?)(At(l.Id, p.To) - At(l.Id, p.From))).ToArray(), source, "net-growth"));
        foreach (var l in lists)
            lines.Add(new($"new-subscribers.{l.Slug}", "Email audience", $"New subscribers: {l.Name}",
                periods.Select(p => (long?)Between(l.Id, p, true)).ToArray(), source, "new-subscribers"));
        foreach (var l in lists)
            lines.Add(new($"unsubscribes.{l.Slug}", "Email audience", $"Unsubscribes: {l.Name}",
                periods.Select(p => (long?)Between(l.Id, p, false)).ToArray(), source, "unsubscribes"));

        var ends = months.Skip(1).Append(periods.Max(p => p.To)).ToArray();
        var spans = months.Select((m, i) => (Start: m, End: ends[i])).ToArray();
        var series = lists.Select(l => new ChartSeries(l.Name, spans.Select(m => new ChartPoint(MonthLabel(m.Start, zone), At(l.Id, m.End))).ToArray())).ToArray();
        return (lines, series);
    }

    private async Task<List<ReportFigure>> BouncesAsync(IReadOnlyList<ReportPeriod> periods, CancellationToken cancellationToken)
    {
        var hard = new long?[periods.Count];
        var soft = new long?[periods.Count];
        for (var i = 0; i < periods.Count; i++)
        {
            var counts = (await database.QueryListAsync<(string Kind, long Count)>(_queries.BouncesInPeriod, new { periods[i].From, periods[i].To }, cancellationToken))
                .ToDictionary(c => c.Kind, c => c.Count);
            hard[i] = counts.GetValueOrDefault("hard");
            soft[i] = counts.GetValueOrDefault("soft");
        }
        var source = Enumerable.Repeat<string?>(ReportDefinitions.Database, periods.Count).ToArray();
        return
        [
            new("bounces.hard", "Email sending", "Bounces: hard", hard, source, "bounces"),
            new("bounces.soft", "Email sending", "Bounces: soft", soft, source, "bounces"),
        ];
    }

    /// <summary>
    /// Puts the past e-mail figures staff entered into <paramref name="lines"/> for the calendar years the database has no
    /// figure for; returns those set aside because it has one.
    /// </summary>
    private async Task<List<SetAsideFigure>> PastAsync(List<ReportFigure> lines, IReadOnlyList<ReportPeriod> periods,
        IReadOnlyList<(string Slug, string Name)> publications, CancellationToken cancellationToken)
    {
        var setAside = new List<SetAsideFigure>();
        var entries = await past.CurrentAsync(null, cancellationToken);
        if (entries.Count == 0) return setAside;
        var lists = (await past.PublicationsAsync(cancellationToken)).ToDictionary(p => p.Slug, p => p.List);
        // Only whole calendar years: a figure of a year says nothing about some of its days.
        var column = periods.Select((p, i) => (p, i)).Where(x => x.p.Label == x.p.Year.ToString(CultureInfo.InvariantCulture)).ToDictionary(x => x.p.Year, x => x.i);
        foreach (var entry in entries)
        {
            if (!column.TryGetValue(entry.Year, out var i)) continue;
            var name = publications.FirstOrDefault(p => p.Slug == entry.Publication).Name ?? entry.Publication;
            var (key, section, label, definition) = (entry.Figure, entry.Publication) switch
            {
                ("subscribers", "") => ("subscribers", "Email audience", "Subscribers at the end of the period: mailing list as a whole", "subscribers"),
                ("subscribers", var slug) => ($"subscribers.{lists.GetValueOrDefault(slug)}", "Email audience", $"Subscribers at the end of the period: {name}", "subscribers"),
                ("editions", "") => ("editions", "Email sending", "Editions sent: all publications", "editions"),
                ("editions", var slug) => ($"editions.{slug}", "Email sending", $"Editions sent: {name}", "editions"),
                ("reach", "") => ("reach", "Email reach", "People reached: all mailings", "reach"),
                (_, var slug) => ($"reach.{slug}", "Email reach", $"People reached: {name}", "reach"),
            };
            var at = lines.FindIndex(l => l.Key == key);
            if (at < 0)
            {
                // A figure the engine does not count (all lists together, all publications' editions): a line of its own, last in its section.
                var empty = new long?[periods.Count];
                lines.Insert(lines.FindLastIndex(l => l.Section == section) + 1, new(key, section, label, empty, new string?[periods.Count], definition));
                at = lines.FindIndex(l => l.Key == key);
            }
            var line = lines[at];
            if (line.Values[i] is not null && line.Sources[i] == ReportDefinitions.Database)
            {
                setAside.Add(new SetAsideFigure(line.Label, periods[i].Label, entry.Value, entry.Source));
                continue;
            }
            lines[at] = line with
            {
                Values = line.Values.Select((v, j) => j == i ? entry.Value : v).ToArray(),
                Sources = line.Sources.Select((s, j) => j == i ? entry.Source : s).ToArray(),
            };
        }
        return setAside;
    }

    private async Task<(List<ReportFigure>, IReadOnlyList<ChartSeries>)> ChannelsAsync(IReadOnlyList<ReportPeriod> periods, CancellationToken cancellationToken)
    {
        var all = await channels.CurrentAsync(null, cancellationToken);
        var lastYear = periods.Max(p => p.Year);
        var lines = new List<ReportFigure>();
        var series = new List<ChartSeries>();
        foreach (var group in all.GroupBy(f => (f.Channel, f.Metric)).OrderBy(g => ChannelCatalogue.Order(g.First().ChannelPosition, g.Key.Metric)))
        {
            var byYear = group.ToDictionary(f => f.Year);
            var inReport = periods.Select(p => byYear.GetValueOrDefault(p.Year)).ToArray();
            if (inReport.Any(f => f is not null))
                lines.Add(new($"channel.{group.Key.Channel}.{group.Key.Metric}", "Channels", group.First().Label,
                    inReport.Select(f => f?.Value).ToArray(), inReport.Select(f => f?.Source).ToArray(), "channel"));
            var points = group.Where(f => f.Year <= lastYear).OrderBy(f => f.Year)
                .Select(f => new ChartPoint(f.Year.ToString(CultureInfo.InvariantCulture), f.Value)).ToArray();
            if (points.Length > 0 && inReport.Any(f => f is not null))
                series.Add(new ChartSeries(group.First().Label, points));
        }
        return (lines, series);
    }

    /// <summary>The first instant of each local month from <paramref name="from"/>'s month to the one before <paramref name="to"/>.</summary>
    private static List<DateTimeOffset> MonthStarts(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(from, zone);
        var month = new DateOnly(local.Year, local.Month, 1);
        var result = new List<DateTimeOffset>();
        for (var start = ReportPeriod.Start(month, zone); start < to; month = month.AddMonths(1), start = ReportPeriod.Start(month, zone))
            result.Add(start < from ? from : start);
        return result;
    }

    private static string MonthLabel(DateTimeOffset start, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(start, zone).AddHours(12).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static DateTimeOffset BucketStart(string bucket) =>
        DateTimeOffset.ParseExact(bucket.Length == 13 ? bucket + ":00" : bucket, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
