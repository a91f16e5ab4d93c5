namespace CecopComms.Mail.Pop3;

/// <summary>
/// The POP3 server answered -ERR to a command (mirrors MailKit.Net.Pop3.Pop3CommandException). The connection is
/// still usable.
/// </summary>
public class Pop3CommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused, for people.</param>
    /// <param name="statusText">The text after -ERR.</param>
    public Pop3CommandException(string message, string statusText) : base(message) => StatusText = statusText;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused, for people.</param>
    public Pop3CommandException(string message) : this(message, "") { }

    /// <summary>The server's text after -ERR, e.g. "[IN-USE] Mailbox locked".</summary>
    public string StatusText { get; }
}
