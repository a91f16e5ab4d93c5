namespace CecopComms.Mail.Imap;

/// <summary>
/// The IMAP server answered a command with NO or BAD (mirrors MailKit.Net.Imap.ImapCommandException). The connection is
/// still usable.
/// </summary>
public class ImapCommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="response">NO or BAD.</param>
    /// <param name="responseText">The server's text after NO/BAD, response code included.</param>
    /// <param name="message">What was refused, for people.</param>
    public ImapCommandException(ImapCommandResponse response, string responseText, string message) : base(message)
    {
        Response = response;
        ResponseText = responseText;
    }

    /// <summary>NO or BAD.</summary>
    public ImapCommandResponse Response { get; }

    /// <summary>The server's text after NO/BAD, e.g. "[TRYCREATE] Mailbox doesn't exist".</summary>
    public string ResponseText { get; }
}
