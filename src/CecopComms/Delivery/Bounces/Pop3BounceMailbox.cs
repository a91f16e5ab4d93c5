using MailKit.Net.Pop3;

namespace CecopComms.Delivery.Bounces;

/// <summary>The bounce mailbox over POP3: DELE marks, QUIT removes (RFC 1939); a session that ends otherwise removes nothing.</summary>
internal sealed class Pop3BounceMailbox(Pop3Client client) : IBounceMailbox
{
    public int Count => client.Count;

    public async Task<byte[]> ReadAsync(int index, CancellationToken cancellationToken)
    {
        // MailKit's stream reads the message off the connection: copy it out before the next command.
        await using var stream = await client.GetStreamAsync(index, headersOnly: false, cancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    public Task DeleteAsync(int index, CancellationToken cancellationToken) => client.DeleteMessageAsync(index, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => client.DisconnectAsync(true, cancellationToken);

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
