namespace CecopComms.Delivery;

/// <summary>One recipient's row of a mailing's ledger, as shown by <c>cecop mailings show</c>.</summary>
public sealed record LedgerRow
{
    public long Id { get; init; }
    public long SubscriberId { get; init; }
    public string Email { get; init; } = "";
    public LedgerStatus Status { get; init; }
    public int Attempts { get; init; }
    /// <summary>The server's last reply.</summary>
    public string? Reply { get; init; }
    public DateTimeOffset? SentAt { get; init; }
}
