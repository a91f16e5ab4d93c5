using System.Diagnostics;

namespace CecopComms.Tests.Delivery;

/// <summary>
/// Debian's aiosmtpd running Peers/faulty_smtp.py on 127.0.0.1 and a free port, with the faults the test asks for;
/// every accepted message is a line of accepted.log (recipient, envelope sender, Message-ID). Stopped on dispose.
/// </summary>
internal sealed class FaultySmtpServer : IAsyncDisposable
{
    private readonly Process _process;

    private FaultySmtpServer(Process process, string folder, int port)
    {
        _process = process;
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    /// <summary>Starts the server with the script's options, e.g. "--tempfail-percent", "10".</summary>
    public static async Task<FaultySmtpServer> StartAsync(params string[] options)
    {
        var folder = Directory.CreateTempSubdirectory("cecop-smtp-").FullName;
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Peers", "faulty_smtp.py"));
        start.ArgumentList.Add(folder);
        foreach (var option in options) start.ArgumentList.Add(option);
        var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("READY ", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"faulty_smtp.py did not start: {line} {error}");
        }
        _ = process.StandardError.ReadToEndAsync();
        return new FaultySmtpServer(process, folder, int.Parse(line["READY ".Length..]));
    }

    /// <summary>Accepted messages: (recipient lower-cased, envelope sender, Message-ID).</summary>
    public IReadOnlyList<(string Recipient, string Sender, string MessageId)> Accepted()
    {
        var path = Path.Combine(Folder, "accepted.log");
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var result = new List<(string, string, string)>();
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            if (parts.Length == 3) result.Add((parts[0].ToLowerInvariant(), parts[1], parts[2]));
        }
        return result;
    }

    /// <summary>Saved messages (with --save), in order.</summary>
    public IReadOnlyList<byte[]> Saved() => Directory.GetFiles(Folder, "*.eml").Order().Select(File.ReadAllBytes).ToList();

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
