namespace CecopComms.Mail.Mime;

/// <summary>The addresses of one header such as To (mirrors MimeKit.InternetAddressList).</summary>
public class InternetAddressList : List<InternetAddress>
{
    /// <summary>Every mailbox, groups flattened.</summary>
    public IEnumerable<MailboxAddress> Mailboxes => throw new NotImplementedException("contract");
}
