using System.Diagnostics;
using System.Globalization;
using CecopComms.Audience.Import;
using CecopComms.Storage;
using CecopComms.Tests.Peers;
using Microsoft.Data.Sqlite;

namespace CecopComms.Bench.Import;

/// <summary>
/// Generates a subscriber CSV, imports it into a fresh SQLite database and prints throughput and memory. Without
/// --rows it runs 100,000 rows and then 1,000,000 in the same process: the peak working set after the second run
/// shows whether memory grows with the file. With --postgres each size is imported into SQLite and then into a fresh
/// database on a throwaway PostgreSQL cluster started for the run (the tests' PostgresServer: fsync, synchronous
/// commit and full-page writes off), and the server's CPU time is printed beside the process's.
/// </summary>
public sealed class ImportBenchmark : IBenchmark
{
    public string Name => "import";

    public string Description => "CSV subscriber import: rows/s, peak working set, managed heap (--rows N, default 100k then 1M; --batch N rows per transaction; --postgres also into PostgreSQL; --explain with it logs every statement's plan and timing to postgres-explain.log)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var sizes = Option(args, "--rows") is { } rows ? [rows] : new[] { 100_000, 1_000_000 };
        var batch = Option(args, "--batch");
        var folder = Path.Combine(Path.GetTempPath(), "cecop-bench-import-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        await using var postgres = args.Contains("--postgres") ? await PostgresServer.StartAsync() : null;
        try
        {
            Console.WriteLine($"{"database",-10} {"rows",10} {"file MB",8} {"seconds",8} {"rows/s",9} {"CPU s",7} {"rows/CPU s",11} {"server CPU s",12} {"inserted",9} {"rejected",8} {"peak WS MB",10} {"heap MB",8} {"allocated MB",12} {"GC pause s",8}");
            foreach (var size in sizes)
            {
                var csv = Path.Combine(folder, $"subscribers-{size}.csv");
                SubscriberCsvGenerator.WriteSubscribers(csv, size);
                await RunOnceAsync(folder, csv, size, new StorageOptions { Path = Path.Combine(folder, $"bench-{size}.db") }, null, batch, cancellationToken);
                if (postgres is null) continue;
                var connectionString = await postgres.CreateDatabaseAsync($"bench_{size}");
                if (args.Contains("--explain")) await ExplainEverythingAsync(connectionString, $"bench_{size}");
                await RunOnceAsync(folder, csv, size, new StorageOptions { Provider = "postgres", ConnectionString = connectionString, FilesPath = folder }, postgres, batch, cancellationToken);
                if (args.Contains("--explain")) File.Copy(Path.Combine(postgres.Folder, "postgres.log"), "postgres-explain.log", overwrite: true);
            }
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}, load average {LoadAverage()}");
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

    private static async Task RunOnceAsync(string folder, string csv, int rows, StorageOptions storage, PostgresServer? server, int? batch, CancellationToken cancellationToken)
    {
        var organisationsCsv = Path.Combine(folder, "organisations.csv");
        await File.WriteAllLinesAsync(organisationsCsv, SubscriberCsvGenerator.OrganisationRows(), cancellationToken);

        await using var database = new Database(storage);
        await new Migrator(database, TimeProvider.System).MigrateAsync(cancellationToken);
        var none = new Dictionary<string, string>();
        await new OrganisationImporter(database, TimeProvider.System)
            .ImportAsync(new ImportOptions(organisationsCsv, null, none, false, null), null, cancellationToken);

        var options = new ImportOptions(csv, "external-newsletter", none, false, Path.Combine(folder, "errors.csv"));
        if (batch is { } size) options = options with { BatchSize = size };
        using var process = Process.GetCurrentProcess();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var cpuBefore = process.TotalProcessorTime;
        var serverBefore = PostgresCpu.Seconds(server);
        var pausedBefore = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        var result = await new SubscriberImporter(database, TimeProvider.System)
            .ImportAsync(options, null, cancellationToken);
        watch.Stop();

        process.Refresh();
        // CPU time as well as wall time: on a shared machine the wall clock also measures the neighbours.
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var serverCpu = server is null ? "-" : (PostgresCpu.Seconds(server) - serverBefore).ToString("F2", CultureInfo.InvariantCulture);
        const double Mb = 1024 * 1024;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{database.Dialect,-10} {rows,10:N0} {new FileInfo(csv).Length / Mb,8:F1} {watch.Elapsed.TotalSeconds,8:F2} {result.RowsRead / watch.Elapsed.TotalSeconds,9:N0} {cpu,7:F2} {result.RowsRead / cpu,11:N0} {serverCpu,12} {result.Inserted,9:N0} {result.Rejected,8:N0} {process.PeakWorkingSet64 / Mb,10:F0} {GC.GetGCMemoryInfo().HeapSizeBytes / Mb,8:F0} {(GC.GetTotalAllocatedBytes() - allocatedBefore) / Mb,12:F0} {(GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds,8:F2}"));
    }

    /// <summary>Where the server's time goes: auto_explain logs each statement's plan with actual times and trigger times.</summary>
    private static async Task ExplainEverythingAsync(string connectionString, string database)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var setting in new[] { "session_preload_libraries = 'auto_explain'", "auto_explain.log_min_duration = 0", "auto_explain.log_analyze = on",
                     "auto_explain.log_triggers = on" })
        {
            await using var command = new Npgsql.NpgsqlCommand($"ALTER DATABASE \"{database}\" SET {setting}", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
