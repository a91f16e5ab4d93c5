using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CecopComms.Tests.Peers;

/// <summary>
/// Debian's PostgreSQL (the postgresql package, version 15) run by the test in a temporary folder: a cluster made with
/// initdb, listening on 127.0.0.1 and a free port only (its socket in the folder), trusted local sign-in as the user
/// postgres, and durability traded for speed (fsync, synchronous commit and full-page writes off), as nothing in it
/// outlives the test. <see cref="CreateDatabaseAsync"/> copies a template database, so many tests can share one
/// migrated template. Stopped (immediate shutdown) and deleted on dispose.
/// </summary>
/// <remarks>
/// initdb and the server refuse to run as root. As root (CI), the folder is handed to Debian's postgres user and both
/// run through <c>su postgres</c>; as any other user they run directly.
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    private PostgresServer(string folder, int port)
    {
        Folder = folder;
        Port = port;
    }

    /// <summary>The temporary folder: the cluster (data/), its socket and its log.</summary>
    public string Folder { get; }

    public int Port { get; }

    /// <summary>The server's log, for a failure message.</summary>
    public string Log() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log)";

    private string LogPath => Path.Combine(Folder, "postgres.log");

    /// <summary>The folder holding initdb and pg_ctl: the newest PostgreSQL Debian installed.</summary>
    /// <exception cref="FileNotFoundException">PostgreSQL is not installed (scripts/install-peers.sh installs it).</exception>
    public static string Binaries { get; } = Locate();

    /// <summary>An Npgsql connection string to <paramref name="database"/> on this server, without pooling.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = false }.ConnectionString;

    /// <summary>Makes a cluster in a new temporary folder and starts it; returns once it accepts connections.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("cecop-pg-").FullName;
        // Traversable by the postgres user, who owns the cluster inside it; PostgreSQL is a Unix program here.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        var server = new PostgresServer(folder, FreePort());
        try
        {
            if (Environment.UserName == "root") await RunAsync("chown", ["postgres:postgres", folder]);
            var data = Path.Combine(folder, "data");
            await server.AsPostgresAsync(Path.Combine(Binaries, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            await server.AsPostgresAsync(Path.Combine(Binaries, "pg_ctl"), "-D", data, "-l", server.LogPath, "-w", "-t", "60", "-o",
                $"-c listen_addresses=127.0.0.1 -p {server.Port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates <paramref name="name"/>, a copy of <paramref name="template"/> when one is given (which nobody may be connected to).</summary>
    public async Task<string> CreateDatabaseAsync(string name, string? template = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""), connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        var data = Path.Combine(Folder, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try { await AsPostgresAsync(Path.Combine(Binaries, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"); }
            catch (InvalidOperationException) { /* already stopped */ }
        }
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }

    private Task AsPostgresAsync(string program, params string[] args) => Environment.UserName == "root"
        ? RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", string.Join(' ', new[] { program }.Concat(args).Select(Quote))])
        : RunAsync(program, args);

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    /// <exception cref="InvalidOperationException">The program failed; the message holds its output.</exception>
    private static async Task RunAsync(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(limit.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await output}{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Locate()
    {
        const string root = "/usr/lib/postgresql";
        var newest = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return newest ?? throw new FileNotFoundException("PostgreSQL is not installed under /usr/lib/postgresql: scripts/install-peers.sh installs the postgresql package.");
    }
}
