using System.Diagnostics;
using System.Text.Json;

namespace CecopComms.Tests.Peers;

/// <summary>
/// Debian's aiosmtpd running Peers/smtp_server.py on 127.0.0.1 and a free port, saving what it receives (message and
/// envelope with the session: EHLO name, user, mechanism, TLS, connection number) in a temporary folder; stopped
/// (stdin closed, then killed) on dispose.
/// </summary>
public sealed class AiosmtpdServer : IAsyncDisposable
{
    private readonly Process _process;

    private AiosmtpdServer(Process process, string folder, int port)
    {
        _process = process;
        Folder = folder;
        Port = port;
    }

    /// <summary>Where messages (NNNN.eml) and envelopes (NNNN.json) land; the test may put its own files here too.</summary>
    public string Folder { get; }

    public int Port { get; }

    /// <summary>Starts the server with the script's options, e.g. "--refuse", "gone@example.org".</summary>
    public static async Task<AiosmtpdServer> StartAsync(params string[] options)
    {
        var folder = Directory.CreateTempSubdirectory("smtp-peer-").FullName;
        var start = new ProcessStartInfo(PeerPython.Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(PeerPython.Script("smtp_server.py"));
        start.ArgumentList.Add(folder);
        foreach (var option in options) start.ArgumentList.Add(option);
        var process = Process.Start(start)!;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("READY ", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"smtp_server.py did not start: {line} {error}");
        }
        // aiosmtpd logs every connection to stderr: drain it so a long test never blocks the server on a full pipe.
        _ = process.StandardError.ReadToEndAsync();
        return new AiosmtpdServer(process, folder, int.Parse(line["READY ".Length..]));
    }

    /// <summary>The messages received so far, in order: raw bytes and envelope.</summary>
    public IReadOnlyList<(byte[] Data, JsonElement Envelope)> Received() =>
        Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal)
            .Select(f => (File.ReadAllBytes(f), JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(f, ".json"))).RootElement.Clone()))
            .ToList();

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
