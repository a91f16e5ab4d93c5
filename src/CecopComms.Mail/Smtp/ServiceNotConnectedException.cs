namespace CecopComms.Mail.Smtp;

/// <summary>A command was called on a client that is not connected (mirrors MailKit.ServiceNotConnectedException).</summary>
public class ServiceNotConnectedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ServiceNotConnectedException() : base("The SMTP client is not connected; call ConnectAsync first.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    public ServiceNotConnectedException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public ServiceNotConnectedException(string message, Exception innerException) : base(message, innerException) { }
}
