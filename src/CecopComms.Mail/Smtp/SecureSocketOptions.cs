namespace CecopComms.Mail.Smtp;

/// <summary>How a connection is secured (mirrors MailKit.Security.SecureSocketOptions).</summary>
public enum SecureSocketOptions
{
    /// <summary>No TLS at all, even when the server offers STARTTLS.</summary>
    None = 0,

    /// <summary>Port 465 means <see cref="SslOnConnect"/>; any other port means <see cref="StartTlsWhenAvailable"/>.</summary>
    Auto = 1,

    /// <summary>TLS from the first byte (implicit TLS, usually port 465).</summary>
    SslOnConnect = 2,

    /// <summary>STARTTLS after the greeting; the connection fails when the server does not offer it.</summary>
    StartTls = 3,

    /// <summary>STARTTLS when the server offers it, plain text otherwise.</summary>
    StartTlsWhenAvailable = 4,
}
