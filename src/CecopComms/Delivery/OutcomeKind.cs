namespace CecopComms.Delivery;

/// <summary>What became of one attempt to send a ledger row.</summary>
public enum OutcomeKind
{
    /// <summary>The server accepted it (or the outbox wrote it).</summary>
    Sent,
    /// <summary>A temporary failure (4xx, lost connection): try again later.</summary>
    Retry,
    /// <summary>A permanent failure of this message (5xx other than a refused recipient, or too many attempts).</summary>
    Failed,
    /// <summary>The server refused the recipient for good (5xx on RCPT): failed, and a hard bounce for the person.</summary>
    Bounced,
    /// <summary>The person may no longer be mailed.</summary>
    Skipped,
    /// <summary>Claimed but never handed to the transport (pause, cancel, shutdown): back to pending.</summary>
    Released,
}
