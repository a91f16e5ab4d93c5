using System.Text.Json;

namespace CecopComms.Tests.Peers;

/// <summary>
/// Debian's aiosmtpd running Peers/smtp_server.py on 127.0.0.1 and a free port, saving what it receives (message and
/// envelope with the session: EHLO name, user, mechanism, TLS, connection number) in a temporary folder; stopped
/// (stdin closed, then killed) on dispose.
/// </summary>
public sealed class AiosmtpdServer : IAsyncDisposable
{
    private readonly ScriptedSmtpPeer _peer;

    private AiosmtpdServer(ScriptedSmtpPeer peer) => _peer = peer;

    /// <summary>Where messages (NNNN.eml) and envelopes (NNNN.json) land; the test may put its own files here too.</summary>
    public string Folder => _peer.Folder;

    public int Port => _peer.Port;

    /// <summary>Starts the server with the script's options, e.g. "--refuse", "gone@example.org".</summary>
    public static async Task<AiosmtpdServer> StartAsync(params string[] options) =>
        new(await ScriptedSmtpPeer.StartAsync("smtp_server.py", "smtp-peer-", options));

    /// <summary>The messages received so far, in order: raw bytes and envelope.</summary>
    public IReadOnlyList<(byte[] Data, JsonElement Envelope)> Received() =>
        Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal)
            .Select(f => (File.ReadAllBytes(f), JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(f, ".json"))).RootElement.Clone()))
            .ToList();

    public ValueTask DisposeAsync() => _peer.DisposeAsync();
}
