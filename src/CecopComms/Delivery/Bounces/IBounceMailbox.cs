namespace CecopComms.Delivery.Bounces;

/// <summary>
/// An open bounce mailbox, POP3 or IMAP alike: read and mark messages by position, then <see cref="CommitAsync"/> to
/// remove the marked ones. Disposing without committing removes nothing, so a crash never loses an unrecorded report.
/// </summary>
internal interface IBounceMailbox : IAsyncDisposable
{
    /// <summary>Messages in the mailbox when it was opened.</summary>
    int Count { get; }

    /// <summary>The raw message at <paramref name="index"/> (0-based).</summary>
    Task<byte[]> ReadAsync(int index, CancellationToken cancellationToken);

    /// <summary>Marks the message at <paramref name="index"/> for removal.</summary>
    Task DeleteAsync(int index, CancellationToken cancellationToken);

    /// <summary>Removes the marked messages and closes the session.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
