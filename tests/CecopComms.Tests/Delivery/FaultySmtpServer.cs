using CecopComms.Tests.Peers;

namespace CecopComms.Tests.Delivery;

/// <summary>
/// Debian's aiosmtpd running Peers/faulty_smtp.py on 127.0.0.1 and a free port, with the faults the test asks for;
/// every accepted message is a line of accepted.log (recipient, envelope sender, Message-ID). Stopped on dispose.
/// </summary>
internal sealed class FaultySmtpServer : IAsyncDisposable
{
    private readonly ScriptedSmtpPeer _peer;

    private FaultySmtpServer(ScriptedSmtpPeer peer) => _peer = peer;

    public string Folder => _peer.Folder;

    public int Port => _peer.Port;

    /// <summary>Starts the server with the script's options, e.g. "--tempfail-percent", "10".</summary>
    public static async Task<FaultySmtpServer> StartAsync(params string[] options) =>
        new(await ScriptedSmtpPeer.StartAsync("faulty_smtp.py", "cecop-smtp-", options));

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

    public ValueTask DisposeAsync() => _peer.DisposeAsync();
}
