using System.Diagnostics;

namespace CecopComms.Tests.Peers;

/// <summary>
/// One of the Python SMTP peers of Peers/ (aiosmtpd behind smtp_server.py or faulty_smtp.py) as a process: started on
/// 127.0.0.1 with a temporary folder and the script's options, its port read from the "READY port" line it prints, its
/// log drained, and stopped (stdin closed, then killed) and its folder removed on dispose.
/// </summary>
public sealed class ScriptedSmtpPeer : IAsyncDisposable
{
    private readonly Process _process;

    private ScriptedSmtpPeer(Process process, string folder, int port)
    {
        _process = process;
        Folder = folder;
        Port = port;
    }

    /// <summary>Where the script writes what it receives.</summary>
    public string Folder { get; }

    public int Port { get; }

    /// <summary>Starts Peers/<paramref name="script"/> with its folder first, then <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">The script did not say READY within 20 seconds.</exception>
    public static async Task<ScriptedSmtpPeer> StartAsync(string script, string folderPrefix, IEnumerable<string> options)
    {
        var folder = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        var start = new ProcessStartInfo(PeerPython.Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(PeerPython.Script(script));
        start.ArgumentList.Add(folder);
        foreach (var option in options) start.ArgumentList.Add(option);
        var process = Process.Start(start)!;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("READY ", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} did not start: {line} {error}");
        }
        // aiosmtpd logs every connection to stderr: drain it so a long test never blocks the server on a full pipe.
        _ = process.StandardError.ReadToEndAsync();
        return new ScriptedSmtpPeer(process, folder, int.Parse(line["READY ".Length..]));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
