namespace CecopComms.Delivery;

/// <summary>How far a mailing has got, reported a few times a second while it sends.</summary>
/// <param name="MailingId">The mailing.</param>
/// <param name="Total">Recipients in its ledger.</param>
/// <param name="Done">Rows sent, failed or skipped.</param>
/// <param name="Sent">Rows sent.</param>
/// <param name="Failed">Rows failed (bounces included).</param>
/// <param name="PerSecond">Messages sent per second in this run.</param>
/// <param name="TimeLeft">At that rate, until every row is done; null before the first message.</param>
public sealed record SenderProgress(long MailingId, long Total, long Done, long Sent, long Failed, double PerSecond, TimeSpan? TimeLeft);
