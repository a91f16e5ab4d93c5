using System.Diagnostics;
using System.Globalization;
using CecopComms.Hosting;
using CecopComms.Reach.Formats;
using CecopComms.Reach.Reports;
using CecopComms.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Bench.Reach;

/// <summary>
/// The year report over 10 million delivery events (see <see cref="ReachDatabase"/>): `report year 2023 --compare 2022`
/// built and written as HTML, through the application's services. The first run starts with no kept per-mailing
/// figures (each mailing's are computed from its ledger rows and kept); the following runs read the kept ones, as
/// every report after a mailing's first does. Prints each run's time, the median of the warm runs, peak working set
/// and managed heap. Options: --runs N (5 warm runs).
/// </summary>
public sealed class ReachBenchmark : IBenchmark
{
    public string Name => "reach";

    public string Description => "year report over 10M ledger rows, 1M subscribers: cold and warm seconds, peak memory (--runs N)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = Array.IndexOf(args, "--runs") is var at and >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 5;
        var path = await ReachDatabase.EnsureAsync(cancellationToken);
        var settings = new Dictionary<string, string?> { ["Storage:Path"] = path };
        await using var services = await AppServices.StartAsync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), cancellationToken);
        var database = services.GetRequiredService<Database>();
        await database.ExecuteScalarAsync<long>("DELETE FROM mailing_figures", null, cancellationToken);
        var ledger = await database.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger", null, cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        var periods = new[] { ReportPeriod.CalendarYear(2022, zone), ReportPeriod.CalendarYear(2023, zone) };
        var builder = services.GetRequiredService<YearReportBuilder>();
        Console.WriteLine($"reach: {ledger:N0} ledger rows, {ReachDatabase.Subscribers:N0} subscribers, {ReachDatabase.Mailings} mailings; {Environment.ProcessorCount} cores, load {Smtp.SmtpBenchmark.LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        var times = new List<double>();
        string? html = null;
        YearReport? report = null;
        for (var run = 0; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            report = await builder.BuildAsync(periods, zone, "en-GB", false, cancellationToken);
            html = YearReportHtml.Write(report);
            watch.Stop();
            times.Add(watch.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run}{(run == 0 ? " (cold: per-mailing figures computed from the ledger)" : "")}: {watch.Elapsed.TotalSeconds:F3} s"));
        }
        var warm = times.Skip(1).Order().ToList();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long Figure(string key) => report!.Figures.Single(f => f.Key == key).Values[^1] ?? 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cold {times[0]:F2} s; warm median {warm[warm.Count / 2]:F3} s (min {warm[0]:F3}, max {warm[^1]:F3}); peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB; managed heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F0} MB; HTML {html!.Length / 1024.0:F0} KB"));
        Console.WriteLine($"2023: sent {Figure("sent"):N0}, delivered {Figure("delivered"):N0}, people reached {Figure("reach"):N0}, subscribers {Figure("subscribers.external-newsletter"):N0}");
        SqliteConnection.ClearAllPools();
        return 0;
    }
}
