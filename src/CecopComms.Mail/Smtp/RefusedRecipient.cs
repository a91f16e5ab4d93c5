using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Smtp;

/// <summary>A recipient the server refused at RCPT TO, with the server's reply.</summary>
/// <param name="Address">The address as written in RCPT TO.</param>
/// <param name="Mailbox">The mailbox it came from; null only when the envelope was given as bare addresses.</param>
/// <param name="Response">The server's reply: 4xx means try this recipient again later, 5xx means never.</param>
public sealed record RefusedRecipient(string Address, MailboxAddress? Mailbox, SmtpResponse Response);
