
namespace CecopComms.Delivery.Bounces;

/// <summary>One bounce on its way to the bounces table.</summary>
/// <param name="MailingId">The mailing it answers, or null when not known (0 is a test copy and is stored as null).</param>
/// <param name="SubscriberId">The person.</param>
/// <param name="Kind">Hard (the address is gone) or soft (try again later).</param>
/// <param name="Code">The SMTP code with the enhanced code, e.g. "550 5.1.1".</param>
/// <param name="Reply">The server's words.</param>
/// <param name="Source">"smtp" (refused while sending) or "dsn" (a report in the bounce mailbox).</param>
/// <param name="ReportId">The report's Message-ID (or hash) for a 'dsn' bounce, so a report read twice counts once.</param>
public sealed record NewBounce(long? MailingId, long SubscriberId, BounceKind Kind, string Code, string Reply, string Source, string? ReportId);
