using CecopComms.Mail;
using MimeKit;

namespace CecopComms.Delivery;

/// <summary>
/// Writes each message as an .eml file under the outbox folder, named after its mailing and ledger row, so a message
/// sent again overwrites its file instead of adding a second one. Written to a temporary file and renamed, so a reader
/// (or a crash) never sees half a message. The embedded default: sending works on a machine with no SMTP server.
/// Like a delivery agent, it keeps the envelope in the file as Return-Path (the per-recipient bounce address) and
/// Delivered-To lines above the message; DKIM signs neither, so the signature still verifies.
/// </summary>
public sealed class OutboxTransport(string folder, int concurrency = 4) : IMessageTransport
{
    public string Name => "outbox";

    public int Concurrency => concurrency;

    /// <summary>The absolute outbox folder.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder, message.Name + ".eml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            var envelope = $"Return-Path: <{message.Sender.GetAddress(idnEncode: true)}>\r\nDelivered-To: {message.Recipient.GetAddress(idnEncode: true)}\r\n";
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(envelope), cancellationToken);
            await message.Message.WriteToAsync(MailMessages.Crlf, stream, cancellationToken);
        }
        File.Move(temp, path, overwrite: true);
        return new TransportResult(OutcomeKind.Sent, "written to " + path);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
