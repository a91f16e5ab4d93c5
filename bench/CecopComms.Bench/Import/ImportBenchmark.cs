using System.Diagnostics;
using System.Globalization;
using CecopComms.Audience.Import;
using CecopComms.Storage;
using Microsoft.Data.Sqlite;

namespace CecopComms.Bench.Import;

/// <summary>
/// Generates a subscriber CSV, imports it into a fresh SQLite database and prints throughput and memory. Without
/// --rows it runs 100,000 rows and then 1,000,000 in the same process: the peak working set after the second run
/// shows whether memory grows with the file.
/// </summary>
public sealed class ImportBenchmark : IBenchmark
{
    public string Name => "import";

    public string Description => "CSV subscriber import: rows/s, peak working set, managed heap (--rows N, default 100k then 1M; --batch N rows per transaction)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var sizes = Option(args, "--rows") is { } rows ? [rows] : new[] { 100_000, 1_000_000 };
        var batch = Option(args, "--batch");
        var folder = Path.Combine(Path.GetTempPath(), "cecop-bench-import-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            Console.WriteLine($"{"rows",10} {"file MB",8} {"seconds",8} {"rows/s",9} {"CPU s",7} {"rows/CPU s",11} {"inserted",9} {"rejected",8} {"peak WS MB",10} {"heap MB",8} {"allocated MB",12} {"GC pause s",8}");
            foreach (var size in sizes) await RunOnceAsync(folder, size, batch, cancellationToken);
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : null;

    private static async Task RunOnceAsync(string folder, int rows, int? batch, CancellationToken cancellationToken)
    {
        var csv = Path.Combine(folder, $"subscribers-{rows}.csv");
        SubscriberCsvGenerator.WriteSubscribers(csv, rows);
        var organisationsCsv = Path.Combine(folder, "organisations.csv");
        await File.WriteAllLinesAsync(organisationsCsv, SubscriberCsvGenerator.OrganisationRows(), cancellationToken);

        var database = new Database(new StorageOptions { Path = Path.Combine(folder, $"bench-{rows}.db") });
        await new Migrator(database, TimeProvider.System).MigrateAsync(cancellationToken);
        var none = new Dictionary<string, string>();
        await new OrganisationImporter(database, TimeProvider.System)
            .ImportAsync(new ImportOptions(organisationsCsv, null, none, false, null), null, cancellationToken);

        var options = new ImportOptions(csv, "external-newsletter", none, false, Path.Combine(folder, "errors.csv"));
        if (batch is { } size) options = options with { BatchSize = size };
        using var process = Process.GetCurrentProcess();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var cpuBefore = process.TotalProcessorTime;
        var pausedBefore = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        var result = await new SubscriberImporter(database, TimeProvider.System)
            .ImportAsync(options, null, cancellationToken);
        watch.Stop();

        process.Refresh();
        // CPU time as well as wall time: on a shared machine the wall clock also measures the neighbours.
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        const double Mb = 1024 * 1024;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows,10:N0} {new FileInfo(csv).Length / Mb,8:F1} {watch.Elapsed.TotalSeconds,8:F2} {result.RowsRead / watch.Elapsed.TotalSeconds,9:N0} {cpu,7:F2} {result.RowsRead / cpu,11:N0} {result.Inserted,9:N0} {result.Rejected,8:N0} {process.PeakWorkingSet64 / Mb,10:F0} {GC.GetGCMemoryInfo().HeapSizeBytes / Mb,8:F0} {(GC.GetTotalAllocatedBytes() - allocatedBefore) / Mb,12:F0} {(GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds,8:F2}"));
    }
}
