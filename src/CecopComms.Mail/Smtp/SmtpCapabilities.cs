namespace CecopComms.Mail.Smtp;

/// <summary>The extensions a server announced in its EHLO reply (mirrors MailKit.Net.Smtp.SmtpCapabilities).</summary>
[Flags]
public enum SmtpCapabilities
{
    /// <summary>Nothing announced (HELO, or a bare EHLO reply).</summary>
    None = 0,

    /// <summary>SIZE (RFC 1870): the server states its maximum message size.</summary>
    Size = 1 << 0,

    /// <summary>DSN (RFC 3461): delivery status notifications.</summary>
    Dsn = 1 << 1,

    /// <summary>ENHANCEDSTATUSCODES (RFC 2034): replies carry codes such as 5.1.1.</summary>
    EnhancedStatusCodes = 1 << 2,

    /// <summary>AUTH (RFC 4954): see <see cref="SmtpClient.AuthenticationMechanisms"/>.</summary>
    Authentication = 1 << 3,

    /// <summary>8BITMIME (RFC 6152): 8-bit bodies are accepted.</summary>
    EightBitMime = 1 << 4,

    /// <summary>PIPELINING (RFC 2920): MAIL FROM and RCPT TO may be sent without waiting.</summary>
    Pipelining = 1 << 5,

    /// <summary>BINARYMIME (RFC 3030).</summary>
    BinaryMime = 1 << 6,

    /// <summary>CHUNKING (RFC 3030): BDAT.</summary>
    Chunking = 1 << 7,

    /// <summary>STARTTLS (RFC 3207).</summary>
    StartTLS = 1 << 8,

    /// <summary>SMTPUTF8 (RFC 6531): UTF-8 addresses and headers.</summary>
    SmtpUtf8 = 1 << 9,
}
