using System.Text;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Smtp;

/// <summary>
/// MAIL FROM and RCPT TO for one message, with addresses already in their wire form. Built from mailboxes by
/// <see cref="Create"/>; tests build it from bare addresses.
/// </summary>
internal sealed class SmtpEnvelope
{
    public SmtpEnvelope(string sender, IReadOnlyList<string> recipients, string mailParameters = "")
    {
        Sender = sender;
        Recipients = recipients;
        MailParameters = mailParameters;
    }

    /// <summary>The reverse-path, without angle brackets.</summary>
    public string Sender { get; }

    /// <summary>The forward-paths, deduplicated, in order.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <summary>What follows "MAIL FROM:&lt;…&gt;", each with its leading space (" BODY=8BITMIME").</summary>
    public string MailParameters { get; }

    /// <summary>The message's size in bytes when known (measured only when the server states a SIZE limit).</summary>
    public long? Size { get; set; }

    /// <summary>The mailbox the sender came from, for callbacks and exceptions.</summary>
    public MailboxAddress? SenderMailbox { get; init; }

    /// <summary>The mailboxes the recipients came from, same order as <see cref="Recipients"/>.</summary>
    public IReadOnlyList<MailboxAddress>? RecipientMailboxes { get; init; }

    /// <summary>
    /// Wire addresses for the given mailboxes. With <paramref name="smtpUtf8"/> the addresses stay in Unicode;
    /// without it the domain is punycoded and a non-ASCII local part is refused, since no ASCII form of it exists.
    /// </summary>
    /// <exception cref="InvalidOperationException">There are no recipients.</exception>
    /// <exception cref="NotSupportedException">An address has a non-ASCII local part and the server lacks SMTPUTF8.</exception>
    public static SmtpEnvelope Create(MailboxAddress sender, IEnumerable<MailboxAddress> recipients, bool smtpUtf8, string mailParameters)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var addresses = new List<string>();
        var mailboxes = new List<MailboxAddress>();
        foreach (var mailbox in recipients)
        {
            ArgumentNullException.ThrowIfNull(mailbox, nameof(recipients));
            var address = WireAddress(mailbox, smtpUtf8);
            if (!seen.Add(address)) continue;
            addresses.Add(address);
            mailboxes.Add(mailbox);
        }
        if (addresses.Count == 0) throw new InvalidOperationException("The message has no recipients (To, Cc and Bcc are empty).");
        return new SmtpEnvelope(WireAddress(sender, smtpUtf8), addresses, mailParameters)
        {
            SenderMailbox = sender,
            RecipientMailboxes = mailboxes,
        };
    }

    /// <summary>The mailbox of recipient <paramref name="index"/>, when the envelope was built from mailboxes.</summary>
    public MailboxAddress? RecipientMailbox(int index) => RecipientMailboxes?[index];

    private static string WireAddress(MailboxAddress mailbox, bool smtpUtf8)
    {
        if (smtpUtf8) return mailbox.GetAddress(idnEncode: false);
        if (!Ascii.IsValid(mailbox.LocalPart))
            throw new NotSupportedException(
                $"The address <{mailbox.Address}> has a non-ASCII local part, which needs SMTPUTF8, and the server does not offer SMTPUTF8.");
        return mailbox.GetAddress(idnEncode: true);
    }
}
