namespace CecopComms.Delivery;

/// <summary>The narrow messenger the sender hands messages to: SMTP over a pool of connections, or the outbox folder.</summary>
public interface IMessageTransport : IAsyncDisposable
{
    /// <summary>"smtp" or "outbox".</summary>
    string Name { get; }

    /// <summary>How many messages it can usefully take at once (sender workers).</summary>
    int Concurrency { get; }

    /// <summary>Sends one message. Refusals and broken connections come back as results, not exceptions.</summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
