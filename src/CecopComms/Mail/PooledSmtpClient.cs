using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace CecopComms.Mail;

/// <summary>
/// MailKit's SMTP client as the pool uses it: it remembers the recipient the server refused (with code and enhanced code,
/// which <see cref="SmtpCommandException"/> keeps apart from the text) and still throws, so one message fails alone.
/// A 530 reply ("authentication required"), which MailKit throws as <see cref="ServiceNotAuthenticatedException"/>, comes
/// out as the <see cref="SmtpCommandException"/> of any other refusal, so the pool can say which settings to set.
/// </summary>
public sealed class PooledSmtpClient : SmtpClient
{
    private bool _senderAccepted;

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

    /// <exception cref="SmtpCommandException">The server refused the message; a 530 is <see cref="SmtpErrorCode.SenderNotAccepted"/> when it came at MAIL FROM.</exception>
    public override async Task<string> SendAsync(FormatOptions options, MimeMessage message, MailboxAddress sender, IEnumerable<MailboxAddress> recipients,
        CancellationToken cancellationToken = default, ITransferProgress? progress = null)
    {
        _senderAccepted = false;
        try
        {
            return await base.SendAsync(options, message, sender, recipients, cancellationToken, progress);
        }
        catch (ServiceNotAuthenticatedException e)
        {
            // MailKit has reset the transaction and kept the connection, as for any refusal.
            throw new SmtpCommandException(_senderAccepted ? SmtpErrorCode.MessageNotAccepted : SmtpErrorCode.SenderNotAccepted,
                SmtpStatusCode.AuthenticationRequired, sender, e.Message, e);
        }
    }

    protected override void OnSenderAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        _senderAccepted = true;
        base.OnSenderAccepted(message, mailbox, response);
    }

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        LastRefused = new RefusedRecipient(mailbox, $"{(int)response.StatusCode} {response.Response}");
        base.OnRecipientNotAccepted(message, mailbox, response);
    }
}
