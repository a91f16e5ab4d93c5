namespace CecopComms.Mail.Smtp;

/// <summary>
/// TLS could not be set up, most often because the server's certificate is not trusted (mirrors
/// MailKit.Security.SslHandshakeException). The client is disconnected.
/// </summary>
public class SslHandshakeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why, and what to do about it.</param>
    public SslHandshakeException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why, and what to do about it.</param>
    /// <param name="innerException">The cause from the TLS stack.</param>
    public SslHandshakeException(string message, Exception innerException) : base(message, innerException) { }
}
