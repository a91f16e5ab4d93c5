using MimeKit;

namespace CecopComms.Mail;

/// <summary>A recipient the server refused at RCPT TO, with its full reply.</summary>
/// <param name="Mailbox">The refused address.</param>
/// <param name="Reply">The reply as the server gave it, code first ("550 5.1.1 &lt;x@example.org&gt;: user unknown").</param>
public sealed record RefusedRecipient(MailboxAddress Mailbox, string Reply);
