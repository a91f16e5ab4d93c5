using MimeKit;

namespace CecopComms.Delivery;

/// <summary>A composed message and its envelope, handed to a transport.</summary>
/// <param name="Message">The MIME message.</param>
/// <param name="Sender">MAIL FROM: the recipient's bounce address.</param>
/// <param name="Recipient">RCPT TO.</param>
/// <param name="Name">A stable name for this ledger row ("mailing-12/000345"): the outbox file name, so a resend overwrites.</param>
public sealed record OutgoingMessage(MimeMessage Message, MailboxAddress Sender, MailboxAddress Recipient, string Name);
