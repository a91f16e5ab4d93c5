using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CecopComms.Bench.Smtp;
using CecopComms.Content;
using CecopComms.Content.Validation;
using CecopComms.Delivery;
using CecopComms.Hosting;
using CecopComms.Storage;
using CecopComms.Tests.Peers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace CecopComms.Bench.Cluster;

/// <summary>
/// Several `cecop serve` nodes (real processes) on one PostgreSQL database send one mailing to Postfix's smtp-sink, which
/// dumps every transaction, so every recipient's copies are counted. Three phases, each a mailing of its own:
/// <list type="number">
/// <item>calm: the nodes send undisturbed (messages a second, to compare one node with several);</item>
/// <item>stalls: nodes are frozen with SIGSTOP for three times the claim, and one node's clock is minutes off all the
/// time (libfaketime). Every recipient must get exactly one copy;</item>
/// <item>kills: the same plus random `kill -9` and restart. Every recipient must get a copy; a second copy is allowed
/// only for a row that was in flight ('sending') at a kill.</item>
/// </list>
/// Each phase's time runs from the moment the mailing is set running on nodes already serving to its end.
/// Options: --recipients N (50000), --nodes K (3), --phases calm,stalls,kills, --connections C (per node, 2),
/// --claim S (2), --handoff S (30), --skew MINUTES (5).
/// </summary>
public sealed class ChaosBenchmark : IBenchmark
{
    public string Name => "chaos";

    public string Description => "several cecop serve nodes on one PostgreSQL, kill -9, SIGSTOP and a skewed clock; every recipient counted at smtp-sink";

    private const string TokenSecret = "Y2hhb3MtYmVuY2gtdG9rZW4tc2VjcmV0LTMyLWJ5dGVzISE=";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var recipients = int.Parse(SmtpBenchmark.Option(args, "--recipients") ?? "50000", CultureInfo.InvariantCulture);
        var nodes = int.Parse(SmtpBenchmark.Option(args, "--nodes") ?? "3", CultureInfo.InvariantCulture);
        var connections = int.Parse(SmtpBenchmark.Option(args, "--connections") ?? "2", CultureInfo.InvariantCulture);
        var claim = double.Parse(SmtpBenchmark.Option(args, "--claim") ?? "2", CultureInfo.InvariantCulture);
        var handoff = double.Parse(SmtpBenchmark.Option(args, "--handoff") ?? "30", CultureInfo.InvariantCulture);
        var skew = int.Parse(SmtpBenchmark.Option(args, "--skew") ?? "5", CultureInfo.InvariantCulture);
        var phases = (SmtpBenchmark.Option(args, "--phases") ?? "calm,stalls,kills").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var cecop = Path.Combine(AppContext.BaseDirectory, "cecop.dll");
        if (!File.Exists(cecop)) throw new FileNotFoundException("cecop.dll is not beside the benchmark: build the solution first.", cecop);

        var folder = Directory.CreateTempSubdirectory("cecop-chaos-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("cecop");
        Console.WriteLine($"chaos: {recipients:N0} recipients, {nodes} nodes × {connections} SMTP connections, claim {claim} s, handoff {handoff} s, " +
            $"one node's clock {skew} min behind; PostgreSQL {postgres.Port}; {Environment.ProcessorCount} cores, load {SmtpBenchmark.LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        var failed = false;
        try
        {
            foreach (var phase in phases)
            {
                var dumps = Path.Combine(folder, "sink-" + phase);
                Directory.CreateDirectory(dumps);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dumps, (UnixFileMode)0b111_111_111);
                await using var sink = await SmtpSink.StartAsync(cancellationToken, dumpFolder: dumps);
                var settings = Path.Combine(folder, "appsettings.json");
                await File.WriteAllTextAsync(settings, new JsonObject
                {
                    ["Storage"] = new JsonObject { ["Provider"] = "postgres", ["ConnectionString"] = connectionString, ["FilesPath"] = Path.Combine(folder, "files") },
                    ["Delivery"] = new JsonObject
                    {
                        ["Transport"] = "smtp",
                        ["Servers"] = new JsonArray(new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = sink.Port, ["Security"] = "None", ["MaxConnections"] = connections }),
                        ["TokenSecret"] = TokenSecret,
                        ["ClaimSeconds"] = claim,
                        ["HandoffSeconds"] = handoff,
                        ["RetryBaseSeconds"] = 0.5,
                        ["MessageIdDomain"] = "cecop.example",
                        ["BounceDomain"] = "bounces.cecop.example",
                    },
                    ["Content"] = new JsonObject { ["TemplatesPath"] = Templates() },
                }.ToJsonString(), cancellationToken);

                var (mailingId, addresses) = await PrepareAsync(settings, folder, phase, recipients, cancellationToken);
                var cluster = new Nodes(cecop, folder, nodes, skew);
                var run = await RunPhaseAsync(phase, cluster, connectionString, mailingId, claim, () => PostgresCpu.Seconds(postgres), cancellationToken);
                var nodesCpu = cluster.CpuSeconds() - run.NodesCpuAtStart;
                await cluster.StopAllAsync();
                await Task.Delay(500, cancellationToken); // the nodes' backends exit and their time joins the postmaster's
                var serverCpu = PostgresCpu.Seconds(postgres) - run.ServerCpuAtStart;
                var received = await sink.StopAsync();
                var copies = CountCopies(dumps);
                var missing = addresses.Count(a => !copies.ContainsKey(a));
                var duplicated = copies.Where(c => c.Value > 1).Select(c => c.Key).ToList();
                var explained = duplicated.Count(run.InFlightAtKills.Contains);
                var extra = copies.Values.Sum() - copies.Count;
                var ok = missing == 0 && duplicated.Count == explained && (phase != "stalls" && phase != "calm" || duplicated.Count == 0);
                failed |= !ok;
                Console.WriteLine($"{phase,-7} {(ok ? "OK  " : "FAIL")} {run.Seconds,6:N1} s, {recipients / run.Seconds,6:N0} msg/s; {copies.Count:N0} of {recipients:N0} recipients reached, {missing:N0} missing; " +
                    $"{extra:N0} second copies to {duplicated.Count:N0} recipients, {explained:N0} of them in flight at a kill; " +
                    $"{run.Kills} kills ({run.InFlightAtKills.Count:N0} rows in flight then), {run.Stalls} stalls of {claim * 3:N0} s; smtp-sink counted {received:N0}");
                Console.WriteLine($"        CPU: the nodes {nodesCpu:N1} s ({nodesCpu * 1000 / recipients:N2} ms a message), the database server {serverCpu:N1} s " +
                    $"({serverCpu * 1000 / recipients:N2} ms a message){(run.Kills > 0 ? "; a killed node's time is not counted" : "")}");
                Console.WriteLine("        sent by node: " + string.Join(", ", (await SentByNodeAsync(connectionString, mailingId, cluster, cancellationToken))
                    .Select(n => $"{n.Node}{(phase != "calm" && n.Node == nodes - 1 ? $" (clock {skew} min behind)" : "")} {n.Sent:N0}")));
                foreach (var line in run.Log) Console.WriteLine("        " + line);
            }
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return failed ? 1 : 0;
    }

    /// <summary>Migrates (on the first phase), adds the phase's recipients as a list of their own, loads a small edition to it and starts its mailing: running, its ledger written, no sender yet.</summary>
    private static async Task<(long Mailing, IReadOnlyList<string> Addresses)> PrepareAsync(string settings, string folder, string phase, int recipients, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(settings).Build();
        await using var services = await AppServices.StartAsync(configuration, cancellationToken);
        var database = services.GetRequiredService<Database>();
        var addresses = Enumerable.Range(0, recipients).Select(i => $"{phase}.{i}@coop{i % 40}.example").ToList();
        await using (var connection = (NpgsqlConnection)await database.OpenAsync(cancellationToken))
        {
            // The external newsletter's list is the audience; earlier phases' readers leave it, so each mailing is the phase's own.
            await using (var leave = new NpgsqlCommand("UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = now(), updated_at = now() WHERE status = 'confirmed'", connection))
                await leave.ExecuteNonQueryAsync(cancellationToken);
            var first = await new NpgsqlCommand("SELECT coalesce(max(id), 0) + 1 FROM subscribers", connection).ExecuteScalarAsync(cancellationToken) as long? ?? 1;
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY subscribers (id, uuid, email, email_key, name, language, attributes, status, created_at, updated_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                var now = DateTime.UtcNow;
                for (var i = 0; i < addresses.Count; i++)
                {
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(first + i, NpgsqlDbType.Bigint, cancellationToken);
                    await writer.WriteAsync(Guid.NewGuid().ToString(), NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(addresses[i], NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(addresses[i], NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync($"Reader {i}", NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync("en", NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync("{}", NpgsqlDbType.Jsonb, cancellationToken);
                    await writer.WriteAsync("active", NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                }
                await writer.CompleteAsync(cancellationToken);
            }
            await using var subscribe = new NpgsqlCommand(
                "SELECT setval(pg_get_serial_sequence('subscribers', 'id'), (SELECT max(id) FROM subscribers)); " +
                "INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, confirmed_at, updated_at) " +
                "SELECT l.id, s.id, 'confirmed', now(), now(), now() FROM subscribers s, lists l WHERE l.slug = 'external-newsletter' AND s.id >= @first", connection);
            subscribe.Parameters.AddWithValue("first", first);
            await subscribe.ExecuteNonQueryAsync(cancellationToken);
        }
        var number = Array.IndexOf(["calm", "stalls", "kills"], phase) + 1;
        var yaml = $"publication: cecop-newsletter\nnumber: {Math.Max(number, 1) + 10}\ndate: 2026-12-0{Math.Max(number, 1)}\nsubject:\n  en: \"Cluster test, phase {phase}\"\nintro:\n  en: |\n    Worker and social cooperatives met in Brussels to prepare the year.\nitems: []\n";
        var (edition, _) = await services.GetRequiredService<MailingContent>().SaveEditionAsync(new SourceText(Path.Combine(folder, phase + ".yaml"), yaml), cancellationToken);
        // Scheduled, with its whole ledger: the phase sets it running once every node is up, as a send starts on a
        // cluster that is already serving, so the nodes' start-up is not counted as sending time.
        var mailing = await services.GetRequiredService<MailingStarter>().StartAsync(new MailingSource(MailingSourceKind.Edition, edition.Id), MailingStatus.Scheduled, cancellationToken);
        return (mailing.Id, addresses);
    }

    /// <summary>The repository's templates folder, found upwards from the benchmark's folder.</summary>
    private static string Templates()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "CecopComms.sln"))) return Path.Combine(folder.FullName, "templates");
        throw new DirectoryNotFoundException("The repository (CecopComms.sln) is not above the benchmark's folder.");
    }

    /// <summary>A phase's outcome; the CPU seconds the nodes and the server had used when the mailing was set running.</summary>
    private sealed record PhaseRun(double Seconds, int Kills, int Stalls, HashSet<string> InFlightAtKills, List<string> Log, double NodesCpuAtStart, double ServerCpuAtStart);

    private static async Task<PhaseRun> RunPhaseAsync(string phase, Nodes cluster, string connectionString, long mailingId, double claim, Func<double> serverCpu, CancellationToken cancellationToken)
    {
        var random = new Random(18);
        var log = new List<string>();
        var inFlight = new HashSet<string>(StringComparer.Ordinal);
        int kills = 0, stalls = 0;
        cluster.StartAll(skewed: phase != "calm");
        await cluster.WaitReadyAsync(cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var run = new NpgsqlCommand("UPDATE mailings SET status = 'running' WHERE id = @id", connection))
        {
            run.Parameters.AddWithValue("id", mailingId);
            await run.ExecuteNonQueryAsync(cancellationToken);
        }
        var (nodesCpuAtStart, serverCpuAtStart) = (cluster.CpuSeconds(), serverCpu());
        var clock = Stopwatch.StartNew();
        var nextTrouble = TimeSpan.FromSeconds(3);
        while (true)
        {
            await Task.Delay(200, cancellationToken);
            var (open, status) = await StateAsync(connection, mailingId, cancellationToken);
            if (open == 0 && status != "running") break;
            if (clock.Elapsed > TimeSpan.FromMinutes(15)) { log.Add($"gave up after 15 minutes: {open} rows open, mailing {status}"); break; }
            if (phase == "calm" || clock.Elapsed < nextTrouble) continue;
            nextTrouble = clock.Elapsed + TimeSpan.FromSeconds(2 + random.NextDouble() * 3);
            var node = random.Next(cluster.Count);
            if (phase == "kills" && random.Next(2) == 0)
            {
                cluster.Kill(node);
                kills++;
                // What the killed node may have handed to the server without marking: every row still 'sending' now.
                foreach (var address in await SendingAsync(connection, mailingId, cancellationToken)) inFlight.Add(address);
                log.Add($"{clock.Elapsed.TotalSeconds,6:N1} s  kill -9 node {node}, restarted 1 s later");
                await Task.Delay(1000, cancellationToken);
                cluster.Start(node);
            }
            else
            {
                var length = TimeSpan.FromSeconds(claim * 3);
                log.Add($"{clock.Elapsed.TotalSeconds,6:N1} s  SIGSTOP node {node} for {length.TotalSeconds:N0} s");
                cluster.Signal(node, "STOP");
                stalls++;
                await Task.Delay(length, cancellationToken);
                cluster.Signal(node, "CONT");
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return new PhaseRun(seconds, kills, stalls, inFlight, log, nodesCpuAtStart, serverCpuAtStart);
    }

    /// <summary>Rows marked sent per node: a claim names its sender as machine:process:…, and each node's processes are known.</summary>
    private static async Task<IReadOnlyList<(int Node, long Sent)>> SentByNodeAsync(string connectionString, long mailingId, Nodes cluster, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT split_part(claimed_by, ':', 2)::int, count(*) FROM ledger WHERE mailing_id = @id AND status = 'sent' GROUP BY 1", connection);
        command.Parameters.AddWithValue("id", mailingId);
        var byProcess = new Dictionary<int, long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) byProcess[reader.GetInt32(0)] = reader.GetInt64(1);
        return Enumerable.Range(0, cluster.Count)
            .Select(node => (node, cluster.ProcessIds(node).Sum(pid => byProcess.GetValueOrDefault(pid)))).ToList();
    }

    private static async Task<(long Open, string Status)> StateAsync(NpgsqlConnection connection, long mailingId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM ledger WHERE mailing_id = @m AND status IN ('pending', 'sending', 'retry')), (SELECT status FROM mailings WHERE id = @m)", connection);
        command.Parameters.AddWithValue("m", mailingId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetString(1));
    }

    private static async Task<List<string>> SendingAsync(NpgsqlConnection connection, long mailingId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT s.email FROM ledger l JOIN subscribers s ON s.id = l.subscriber_id WHERE l.mailing_id = @m AND l.status = 'sending'", connection);
        command.Parameters.AddWithValue("m", mailingId);
        var addresses = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) addresses.Add(reader.GetString(0));
        return addresses;
    }

    /// <summary>Copies per recipient, from smtp-sink's dump files (one per transaction, the envelope as X-Rcpt-Args).</summary>
    private static Dictionary<string, int> CountCopies(string dumps)
    {
        var copies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(dumps, "*", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length == 0) break;
                if (!line.StartsWith("X-Rcpt-Args: <", StringComparison.Ordinal)) continue;
                var address = line["X-Rcpt-Args: <".Length..line.IndexOf('>')];
                copies[address] = copies.GetValueOrDefault(address) + 1;
            }
        }
        return copies;
    }

    /// <summary>The cluster: `cecop serve` processes in one folder, each on a port of its own, the last with its clock moved back.</summary>
    private sealed class Nodes(string cecop, string folder, int count, int skewMinutes)
    {
        private readonly Process?[] _processes = new Process?[count];
        private readonly int[] _ports = new int[count];
        private readonly List<(int Node, int Pid)> _started = [];
        private bool _skewed;

        public int Count => count;

        /// <summary>Every process id node <paramref name="node"/> has had (a restart is a new process).</summary>
        public IEnumerable<int> ProcessIds(int node) => _started.Where(s => s.Node == node).Select(s => s.Pid);

        public void StartAll(bool skewed)
        {
            _skewed = skewed;
            for (var i = 0; i < count; i++) Start(i);
        }

        public void Start(int node)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(cecop);
            start.ArgumentList.Add("serve");
            _ports[node] = FreePort();
            start.Environment["Web__Urls"] = $"http://127.0.0.1:{_ports[node]}";
            start.Environment["NO_COLOR"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            if (_skewed && node == count - 1)
            {
                start.Environment["LD_PRELOAD"] = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
                start.Environment["FAKETIME"] = $"-{skewMinutes}m";
                start.Environment["DONT_FAKE_MONOTONIC"] = "1";
            }
            var process = Process.Start(start)!;
            var logPath = Path.Combine(folder, $"node-{node}.log");
            _ = Task.Run(async () => { var text = await process.StandardOutput.ReadToEndAsync(); await File.AppendAllTextAsync(logPath, text); });
            _ = Task.Run(async () => { var text = await process.StandardError.ReadToEndAsync(); await File.AppendAllTextAsync(logPath, text); });
            _processes[node] = process;
            _started.Add((node, process.Id));
        }

        /// <summary>Returns once every node answers HTTP (its sender and scheduler start before the web listens).</summary>
        public async Task WaitReadyAsync(CancellationToken cancellationToken)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var deadline = Stopwatch.StartNew();
            for (var node = 0; node < count; node++)
                while (true)
                {
                    try
                    {
                        using var response = await http.GetAsync($"http://127.0.0.1:{_ports[node]}/", cancellationToken);
                        break;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested && deadline.Elapsed < TimeSpan.FromMinutes(2))
                    {
                        await Task.Delay(100, cancellationToken);
                    }
                }
        }

        public void Kill(int node)
        {
            var process = _processes[node];
            if (process is null || process.HasExited) return;
            Signal(node, "KILL");
            process.WaitForExit();
        }

        public void Signal(int node, string signal)
        {
            var process = _processes[node];
            if (process is null || process.HasExited) return;
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
            kill.WaitForExit();
        }

        /// <summary>CPU seconds (user and system) the running nodes have used since they started.</summary>
        public double CpuSeconds() => _processes.Where(p => p is { HasExited: false }).Sum(p =>
        {
            p!.Refresh();
            return p.TotalProcessorTime.TotalSeconds;
        });

        public async Task StopAllAsync()
        {
            for (var i = 0; i < count; i++)
            {
                var process = _processes[i];
                if (process is null || process.HasExited) continue;
                Signal(i, "CONT");
                Signal(i, "TERM");
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await process.WaitForExitAsync(limit.Token); }
                catch (OperationCanceledException) { process.Kill(); }
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
