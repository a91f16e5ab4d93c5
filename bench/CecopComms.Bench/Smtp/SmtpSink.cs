using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace CecopComms.Bench.Smtp;

/// <summary>Postfix's standalone /usr/sbin/smtp-sink on 127.0.0.1 and a free port, counting messages; killed on dispose.</summary>
internal sealed partial class SmtpSink : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;

    private SmtpSink(Process process, int port)
    {
        _process = process;
        Port = port;
        _output = process.StandardOutput.ReadToEndAsync();
    }

    public int Port { get; }

    /// <param name="cancellationToken">Stops waiting for the sink to listen.</param>
    /// <param name="dumpFolder">When given, every transaction is also written there as a file (its envelope as X- headers first), for counting copies per recipient; the folder must be writable by nobody when run as root.</param>
    public static async Task<SmtpSink> StartAsync(CancellationToken cancellationToken, string? dumpFolder = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("/usr/sbin/smtp-sink") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // It refuses to run as root without a user to drop to. Never -M: it exits before answering QUIT.
        if (Environment.IsPrivilegedProcess) { start.ArgumentList.Add("-u"); start.ArgumentList.Add("nobody"); }
        if (dumpFolder is not null) { start.ArgumentList.Add("-d"); start.ArgumentList.Add(Path.Combine(dumpFolder, "%H%M%S.")); }
        foreach (var arg in (string[])["-c", $"127.0.0.1:{port}", "1024"]) start.ArgumentList.Add(arg);
        var sink = new SmtpSink(Process.Start(start)!, port);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return sink;
            }
            catch (SocketException) when (attempt < 50)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>Stops the sink and returns how many messages it received (its -c counter).</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        var matches = MessageCounter().Matches(await _output);
        return matches.Count == 0 ? 0 : int.Parse(matches[^1].Groups[1].Value);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"mesg=(\d+)")]
    private static partial Regex MessageCounter();
}
