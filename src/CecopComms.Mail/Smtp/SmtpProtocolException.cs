namespace CecopComms.Mail.Smtp;

/// <summary>
/// The conversation broke: the server closed the stream or wrote something that is not an SMTP reply (mirrors
/// MailKit.Net.Smtp.SmtpProtocolException). The client has disconnected itself; connect again to continue.
/// </summary>
public class SmtpProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SmtpProtocolException() : base("The SMTP conversation failed.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public SmtpProtocolException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SmtpProtocolException(string message, Exception innerException) : base(message, innerException) { }
}
