namespace CecopComms.Mail.Pop3;

/// <summary>
/// The POP3 conversation broke: the server closed the stream or wrote something that is not a POP3 reply (mirrors
/// MailKit.Net.Pop3.Pop3ProtocolException). The client has disconnected itself; deletions not yet committed by QUIT are
/// undone by the server.
/// </summary>
public class Pop3ProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public Pop3ProtocolException() : base("The POP3 conversation failed.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public Pop3ProtocolException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public Pop3ProtocolException(string message, Exception innerException) : base(message, innerException) { }
}
