using CecopComms.Tests.Peers;

namespace CecopComms.Bench;

/// <summary>CPU time of a benchmark's PostgreSQL cluster, for the benchmarks that print what the server spent.</summary>
internal static class PostgresCpu
{
    /// <summary>
    /// CPU seconds of the cluster: the postmaster with its reaped children (cutime, cstime) and the live ones, from /proc
    /// (user and system ticks, 100 a second on Linux). 0 without a server or off Linux.
    /// </summary>
    public static double Seconds(PostgresServer? server)
    {
        var pidFile = server is null ? null : Path.Combine(server.Folder, "data", "postmaster.pid");
        if (pidFile is null || !OperatingSystem.IsLinux()) return 0;
        var postmaster = File.ReadLines(pidFile).First().Trim();
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            string stat;
            try { stat = File.ReadAllText(Path.Combine(directory, "stat")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            // Fields after the command name, which is in parentheses and may hold spaces: state ppid … utime stime cutime cstime.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var pid = Path.GetFileName(directory);
            if (pid == postmaster) ticks += long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
            else if (fields[1] == postmaster) ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        return ticks / 100.0;
    }
}
