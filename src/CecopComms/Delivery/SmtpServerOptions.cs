using System.ComponentModel.DataAnnotations;

namespace CecopComms.Delivery;

/// <summary>One SMTP server of the pool (Delivery:Servers:N).</summary>
public sealed class SmtpServerOptions
{
    [Required(ErrorMessage = "Delivery:Servers: every server needs a Host.")]
    public string Host { get; set; } = "";

    /// <summary>0 means 25 (465 with SslOnConnect).</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit.Security.SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";

    /// <summary>Accept a certificate that does not validate (a test relay's self-signed one). Never on a relay across the internet.</summary>
    public bool AcceptInvalidCertificate { get; set; }

    /// <summary>The user name to sign in with; none means no AUTH.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// How to sign in: empty picks the strongest the server offers for a password (SCRAM before PLAIN and LOGIN);
    /// PLAIN, LOGIN or SCRAM-SHA-256 insist on one; XOAUTH2 signs in with an OAuth 2 access token (Microsoft 365,
    /// Google Workspace) from <see cref="OAuthToken"/> or <see cref="OAuthTokenFile"/>.
    /// </summary>
    [RegularExpression("^(|PLAIN|LOGIN|SCRAM-SHA-256|XOAUTH2)$", ErrorMessage = "Delivery:Servers: AuthMechanism must be empty, PLAIN, LOGIN, SCRAM-SHA-256 or XOAUTH2.")]
    public string AuthMechanism { get; set; } = "";

    /// <summary>The OAuth 2 access token for XOAUTH2.</summary>
    public string? OAuthToken { get; set; }

    /// <summary>A file holding the OAuth 2 access token for XOAUTH2, read at each new connection, so a job that refreshes it needs no restart.</summary>
    public string? OAuthTokenFile { get; set; }

    /// <summary>The name given in EHLO; empty uses the machine's name.</summary>
    public string? LocalDomain { get; set; }

    /// <summary>A file to write the SMTP conversation to, for troubleshooting; passwords and tokens are redacted. Large: it holds every message.</summary>
    public string? ProtocolLog { get; set; }

    /// <summary>Share of new connections that go to this server, relative to the others.</summary>
    [Range(1, 1000)]
    public int Weight { get; set; } = 1;

    /// <summary>Connections open at once to this server; each is reused for many messages.</summary>
    [Range(1, 256)]
    public int MaxConnections { get; set; } = 4;
}
