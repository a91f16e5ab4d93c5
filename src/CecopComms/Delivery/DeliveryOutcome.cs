namespace CecopComms.Delivery;

/// <summary>The result of one attempt, on its way to the ledger.</summary>
/// <param name="LedgerId">The row.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Reply">The server's reply, or why it was skipped.</param>
/// <param name="Code">The SMTP code ("550 5.1.1") of a refusal.</param>
/// <param name="MessageId">The Message-ID of what was sent.</param>
/// <param name="RetryAt">When a retry is due.</param>
/// <param name="AcceptedTimestamp">Stopwatch timestamp of the server's acceptance: the start of the duplicate window.</param>
public sealed record DeliveryOutcome(long LedgerId, OutcomeKind Kind, string? Reply, string? Code = null, string? MessageId = null,
    DateTimeOffset? RetryAt = null, long AcceptedTimestamp = 0);
