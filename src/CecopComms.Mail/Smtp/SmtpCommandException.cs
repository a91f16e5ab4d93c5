using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Smtp;

/// <summary>
/// The server refused a command (mirrors MailKit.Net.Smtp.SmtpCommandException). The client has sent RSET and the
/// connection is still usable, except for 421 (<see cref="SmtpStatusCode.ServiceNotAvailable"/>), after which the
/// client is disconnected. A 4xx <see cref="StatusCode"/> means "try again later", 5xx means "permanent".
/// </summary>
public class SmtpCommandException : Exception
{
    /// <summary>Creates the exception for a refusal that concerns one mailbox.</summary>
    /// <param name="code">Which step was refused.</param>
    /// <param name="status">The server's reply code.</param>
    /// <param name="mailbox">The sender or recipient concerned, or null.</param>
    /// <param name="message">What happened, for people.</param>
    public SmtpCommandException(SmtpErrorCode code, SmtpStatusCode status, MailboxAddress? mailbox, string message)
        : this(code, status, mailbox, message, null) { }

    /// <summary>Creates the exception for a refusal that concerns no single mailbox.</summary>
    /// <param name="code">Which step was refused.</param>
    /// <param name="status">The server's reply code.</param>
    /// <param name="message">What happened, for people.</param>
    public SmtpCommandException(SmtpErrorCode code, SmtpStatusCode status, string message)
        : this(code, status, null, message, null) { }

    /// <summary>Creates the exception with the server's enhanced status code.</summary>
    /// <param name="code">Which step was refused.</param>
    /// <param name="status">The server's reply code.</param>
    /// <param name="mailbox">The sender or recipient concerned, or null.</param>
    /// <param name="message">What happened, for people.</param>
    /// <param name="enhancedStatusCode">The RFC 3463 code such as "5.1.1", or null.</param>
    public SmtpCommandException(SmtpErrorCode code, SmtpStatusCode status, MailboxAddress? mailbox, string message, string? enhancedStatusCode)
        : base(message)
    {
        ErrorCode = code;
        StatusCode = status;
        Mailbox = mailbox;
        EnhancedStatusCode = enhancedStatusCode;
    }

    /// <summary>Which step of the transaction was refused.</summary>
    public SmtpErrorCode ErrorCode { get; }

    /// <summary>The server's reply code (of the first refused recipient when several were refused).</summary>
    public SmtpStatusCode StatusCode { get; }

    /// <summary>The RFC 3463 enhanced status code such as "5.1.1", when the server gave one.</summary>
    public string? EnhancedStatusCode { get; }

    /// <summary>The sender or recipient concerned (the first refused recipient when several were refused), or null.</summary>
    public MailboxAddress? Mailbox { get; }

    /// <summary>Every refused recipient with its reply, in the order they were sent; empty unless <see cref="ErrorCode"/> is <see cref="SmtpErrorCode.RecipientNotAccepted"/>.</summary>
    public IReadOnlyList<RefusedRecipient> RefusedRecipients { get; init; } = [];
}
