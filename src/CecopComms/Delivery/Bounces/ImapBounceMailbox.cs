using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;

namespace CecopComms.Delivery.Bounces;

/// <summary>
/// The bounce mailbox over IMAP: the INBOX's UIDs as they were when opened; \Deleted marks, EXPUNGE removes. A session
/// that ends before EXPUNGE leaves flagged messages in place; the next run reads them again and counts them once.
/// </summary>
internal sealed class ImapBounceMailbox(ImapClient client, IList<UniqueId> uids) : IBounceMailbox
{
    public int Count => uids.Count;

    public async Task<byte[]> ReadAsync(int index, CancellationToken cancellationToken)
    {
        await using var stream = await client.Inbox.GetStreamAsync(uids[index], cancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    public Task DeleteAsync(int index, CancellationToken cancellationToken) =>
        client.Inbox.AddFlagsAsync(uids[index], MessageFlags.Deleted, silent: true, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await client.Inbox.ExpungeAsync(cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
