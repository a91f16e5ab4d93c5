using CecopComms.Mail.Pop3;

namespace CecopComms.Delivery.Bounces;

/// <summary>The bounce mailbox over POP3: DELE marks, QUIT removes (RFC 1939); a session that ends otherwise removes nothing.</summary>
internal sealed class Pop3BounceMailbox(Pop3Client client) : IBounceMailbox
{
    public int Count => client.Count;

    public async Task<byte[]> ReadAsync(int index, CancellationToken cancellationToken)
    {
        await using var stream = await client.GetStreamAsync(index, cancellationToken);
        return ((MemoryStream)stream).ToArray();
    }

    public Task DeleteAsync(int index, CancellationToken cancellationToken) => client.DeleteMessageAsync(index, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => client.DisconnectAsync(true, cancellationToken);

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
