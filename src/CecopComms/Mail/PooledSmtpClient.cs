using MailKit.Net.Smtp;
using MimeKit;

namespace CecopComms.Mail;

/// <summary>
/// MailKit's SMTP client as the pool uses it: it remembers the recipient the server refused (with code and enhanced code,
/// which <see cref="SmtpCommandException"/> keeps apart from the text) and still throws, so one message fails alone.
/// </summary>
public sealed class PooledSmtpClient : SmtpClient
{
    public PooledSmtpClient()
    {
    }

    public PooledSmtpClient(MailKit.IProtocolLogger logger) : base(logger)
    {
    }

    /// <summary>The recipient refused by the last send, if one was.</summary>
    public RefusedRecipient? LastRefused { get; private set; }

    /// <summary>Forgets the previous send's refusal; the pool calls it before each send.</summary>
    public void ResetRefused() => LastRefused = null;

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        LastRefused = new RefusedRecipient(mailbox, $"{(int)response.StatusCode} {response.Response}");
        base.OnRecipientNotAccepted(message, mailbox, response);
    }
}
