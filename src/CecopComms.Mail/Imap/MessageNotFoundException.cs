namespace CecopComms.Mail.Imap;

/// <summary>The message asked for is not in the folder (any more) (mirrors MailKit.MessageNotFoundException).</summary>
public class MessageNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which message, for people.</param>
    public MessageNotFoundException(string message) : base(message) { }
}
