using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CecopComms.Bench.Reach;

/// <summary>
/// A throwaway PostgreSQL cluster for a benchmark (the minimal start logic of the tests' PostgresServer): Debian's
/// newest PostgreSQL under /usr/lib/postgresql, initdb in a temporary folder, listening on 127.0.0.1 and a free port,
/// durability traded for speed. As root, initdb and the server run as the postgres user. Stopped and deleted on dispose.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _folder;
    private readonly int _port;

    private PostgresCluster(string folder, int port) => (_folder, _port) = (folder, port);

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database, CommandTimeout = 0 }.ConnectionString;

    public static async Task<PostgresCluster> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("cecop-bench-pg-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var cluster = new PostgresCluster(folder, port);
        if (Environment.UserName == "root") await RunAsync("chown", ["postgres:postgres", folder]);
        var data = Path.Combine(folder, "data");
        await cluster.AsPostgresAsync(Path.Combine(Binaries(), "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        await cluster.AsPostgresAsync(Path.Combine(Binaries(), "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "postgres.log"), "-w", "-t", "60", "-o",
            $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c max_wal_size=4GB", "start");
        return cluster;
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await AsPostgresAsync(Path.Combine(Binaries(), "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"); }
        catch (InvalidOperationException) { /* already stopped */ }
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
    }

    private Task AsPostgresAsync(string program, params string[] args) => Environment.UserName == "root"
        ? RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", string.Join(' ', new[] { program }.Concat(args).Select(w => "'" + w.Replace("'", "'\\''") + "'"))])
        : RunAsync(program, args);

    private static async Task RunAsync(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await output}{await error}");
    }

    private static string Binaries() =>
        Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).First();
}
