namespace CecopComms.Mail.Smtp;

/// <summary>Which step of a transaction the server refused (mirrors MailKit.Net.Smtp.SmtpErrorCode).</summary>
public enum SmtpErrorCode
{
    /// <summary>The message itself: DATA, or its final reply, or the size limit.</summary>
    MessageNotAccepted,

    /// <summary>MAIL FROM was refused.</summary>
    SenderNotAccepted,

    /// <summary>One or more RCPT TO were refused.</summary>
    RecipientNotAccepted,

    /// <summary>Any other command got a reply it should not have (EHLO, NOOP, STARTTLS, 421 at any time).</summary>
    UnexpectedStatusCode,
}
