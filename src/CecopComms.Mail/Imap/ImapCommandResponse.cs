namespace CecopComms.Mail.Imap;

/// <summary>How the server ended a command (mirrors MailKit.Net.Imap.ImapCommandResponse).</summary>
public enum ImapCommandResponse
{
    /// <summary>No tagged reply yet.</summary>
    None,
    /// <summary>OK: done.</summary>
    Ok,
    /// <summary>NO: refused (the command was understood).</summary>
    No,
    /// <summary>BAD: not understood, or not allowed in this state.</summary>
    Bad,
}
