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
/// and managed heap. Options: --runs N (5 warm runs); --postgres also fills a throwaway PostgreSQL cluster with the same
/// year (--subscribers N scales it; 1,000,000 is 10M ledger rows) and measures it beside SQLite; --no-sqlite skips SQLite.
/// </summary>
public sealed class ReachBenchmark : IBenchmark
{
    public string Name => "reach";

    public string Description => "year report over 10M ledger rows, 1M subscribers: cold and warm seconds, peak memory (--runs N, --postgres [--subscribers N], --no-sqlite)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = Array.IndexOf(args, "--runs") is var at and >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 5;
        var postgres = args.Contains("--postgres");
        var subscribers = Array.IndexOf(args, "--subscribers") is var s and >= 0 ? int.Parse(args[s + 1], CultureInfo.InvariantCulture) : ReachDatabase.Subscribers;
        var results = new List<(string Storage, double Cold, double Warm)>();
        if (!args.Contains("--no-sqlite"))
        {
            var path = await ReachDatabase.EnsureAsync(cancellationToken);
            var (cold, warm) = await MeasureAsync("SQLite", new() { ["Storage:Path"] = path }, ReachDatabase.Subscribers, runs, cancellationToken);
            results.Add(("SQLite", cold, warm));
            SqliteConnection.ClearAllPools();
        }
        if (postgres)
        {
            // A throwaway cluster, filled with the same year (scaled by --subscribers), stopped and deleted at the end.
            await using var cluster = await CecopComms.Tests.Peers.PostgresServer.StartAsync();
            var connectionString = await cluster.CreateDatabaseAsync("reach");
            await ReachPostgres.FillAsync(connectionString, subscribers, cancellationToken);
            var (cold, warm) = await MeasureAsync("PostgreSQL", new()
            {
                ["Storage:Provider"] = "postgres", ["Storage:ConnectionString"] = connectionString,
                ["Storage:FilesPath"] = Path.Combine(Path.GetTempPath(), "cecop-bench-reach-files"),
                ["Delivery:TokenSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            }, subscribers, runs, cancellationToken);
            results.Add(("PostgreSQL", cold, warm));
        }
        foreach (var (storage, cold, warm) in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{storage,-10} cold {cold,7:F2} s   warm median {warm,7:F3} s"));
        return 0;
    }

    private static async Task<(double Cold, double Warm)> MeasureAsync(string storage, Dictionary<string, string?> settings, int subscribers, int runs, CancellationToken cancellationToken)
    {
        await using var services = await AppServices.StartAsync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), cancellationToken);
        var database = services.GetRequiredService<Database>();
        await database.ExecuteScalarAsync<long>("DELETE FROM mailing_figures", null, cancellationToken);
        var ledger = await database.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger", null, cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        var periods = new[] { ReportPeriod.CalendarYear(2022, zone), ReportPeriod.CalendarYear(2023, zone) };
        var builder = services.GetRequiredService<YearReportBuilder>();
        Console.WriteLine($"reach on {storage}: {ledger:N0} ledger rows, {subscribers:N0} subscribers, {ReachDatabase.Mailings} mailings; {Environment.ProcessorCount} cores, load {Smtp.SmtpBenchmark.LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

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
        return (times[0], warm[warm.Count / 2]);
    }
}
