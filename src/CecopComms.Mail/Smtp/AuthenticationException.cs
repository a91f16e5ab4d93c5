namespace CecopComms.Mail.Smtp;

/// <summary>The server refused the credentials (mirrors MailKit.Security.AuthenticationException). The connection stays usable.</summary>
public class AuthenticationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuthenticationException() : base("Authentication failed.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the server said.</param>
    public AuthenticationException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the server said.</param>
    /// <param name="innerException">The cause.</param>
    public AuthenticationException(string message, Exception innerException) : base(message, innerException) { }
}
