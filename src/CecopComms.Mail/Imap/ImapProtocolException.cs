namespace CecopComms.Mail.Imap;

/// <summary>
/// The IMAP conversation broke: the stream ended, the server said BYE, or it wrote something that is not an IMAP
/// response (mirrors MailKit.Net.Imap.ImapProtocolException). The client has disconnected itself.
/// </summary>
public class ImapProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImapProtocolException() : base("The IMAP conversation failed.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public ImapProtocolException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ImapProtocolException(string message, Exception innerException) : base(message, innerException) { }
}
