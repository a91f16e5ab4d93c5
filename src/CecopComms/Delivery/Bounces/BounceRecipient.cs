namespace CecopComms.Delivery.Bounces;

/// <summary>One recipient a delivery report says failed or was delayed.</summary>
/// <param name="FinalRecipient">The address the last server tried (RFC 3464 Final-Recipient, or the address a non-standard report names); null when the report names none, and then the report's return addresses identify the recipient.</param>
/// <param name="OriginalRecipient">The address as first given (Original-Recipient), when the report has it.</param>
/// <param name="Action">The RFC 3464 action in lower case: <c>failed</c> or <c>delayed</c>.</param>
/// <param name="Status">The enhanced status code (RFC 3463), e.g. <c>5.1.1</c>, when known.</param>
/// <param name="DiagnosticCode">The server's reply, e.g. <c>550 5.1.1 User unknown</c>, without the <c>smtp;</c> type.</param>
/// <param name="Kind">Hard (stop mailing) or soft (try again later).</param>
public sealed record BounceRecipient(string? FinalRecipient, string? OriginalRecipient, string Action, string? Status, string? DiagnosticCode, BounceKind Kind);
