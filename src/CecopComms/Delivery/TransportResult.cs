namespace CecopComms.Delivery;

/// <summary>What a transport says about one message.</summary>
/// <param name="Kind">Sent, Retry (temporary), Failed (permanent) or Bounced (recipient refused for good).</param>
/// <param name="Reply">The server's reply, or what went wrong.</param>
/// <param name="Code">The SMTP reply code with its enhanced code when refused ("550 5.1.1").</param>
/// <param name="ConnectionLost">The connection broke (counts toward pausing the mailing).</param>
public sealed record TransportResult(OutcomeKind Kind, string Reply, string? Code = null, bool ConnectionLost = false);
