namespace CecopComms.Mail.Mime;

/// <summary>The addresses of one header such as To (mirrors MimeKit.InternetAddressList).</summary>
public class InternetAddressList : List<InternetAddress>
{
    /// <summary>Every mailbox, groups flattened.</summary>
    public IEnumerable<MailboxAddress> Mailboxes
    {
        get
        {
            foreach (var address in this)
            {
                if (address is MailboxAddress mailbox)
                {
                    yield return mailbox;
                }
                else if (address is GroupAddress group)
                {
                    foreach (var member in group.Members.Mailboxes)
                        yield return member;
                }
            }
        }
    }

    /// <summary>Parses a comma-separated list of mailboxes and groups.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ParseException">An address is invalid; the message says why.</exception>
    public static InternetAddressList Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new InternetAddressList();
        var error = new AddressParser(text).ParseList(list);
        if (error is not null)
            throw error;
        return list;
    }

    /// <summary>Parses a comma-separated list without throwing.</summary>
    public static bool TryParse(string text, out InternetAddressList? addresses)
    {
        addresses = null;
        if (text is null)
            return false;
        var list = new InternetAddressList();
        if (new AddressParser(text).ParseList(list) is not null)
            return false;
        addresses = list;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", this);
}
