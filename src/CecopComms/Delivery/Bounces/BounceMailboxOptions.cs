using System.ComponentModel.DataAnnotations;

namespace CecopComms.Delivery.Bounces;

/// <summary>The mailbox that receives bounce reports (the BounceDomain's mail), and the rules for soft bounces. Bound from the "Bounces" section.</summary>
public sealed class BounceMailboxOptions
{
    public const string Section = "Bounces";

    /// <summary>`cecop serve` reads the mailbox every <see cref="IntervalMinutes"/> when true; `cecop bounces fetch` works either way.</summary>
    public bool Enabled { get; set; }

    /// <summary>"pop3" or "imap".</summary>
    [Required, RegularExpression("^(pop3|imap)$", ErrorMessage = "Bounces:Protocol must be 'pop3' or 'imap' (the bounce mailbox's protocol).")]
    public string Protocol { get; set; } = "pop3";

    /// <summary>The mail server holding the bounce mailbox.</summary>
    public string Host { get; set; } = "";

    /// <summary>0 means the protocol's usual port (995/110 for POP3, 993/143 for IMAP, by Security).</summary>
    [Range(0, 65535, ErrorMessage = "Bounces:Port must be between 0 (the protocol's usual port) and 65535.")]
    public int Port { get; set; }

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit.Security.SecureSocketOptions).</summary>
    [Required, RegularExpression("^(?i)(None|Auto|SslOnConnect|StartTls|StartTlsWhenAvailable)$",
        ErrorMessage = "Bounces:Security must be one of None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.")]
    public string Security { get; set; } = "SslOnConnect";

    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>How often `cecop serve` reads the mailbox.</summary>
    [Range(1, 1440, ErrorMessage = "Bounces:IntervalMinutes must be between 1 and 1440.")]
    public int IntervalMinutes { get; set; } = 10;

    /// <summary>This many soft bounces within <see cref="SoftBounceWindowDays"/> make the person bounced.</summary>
    [Range(1, 1000, ErrorMessage = "Bounces:SoftBounceThreshold must be between 1 and 1000.")]
    public int SoftBounceThreshold { get; set; } = 3;

    /// <summary>The window in which soft bounces are counted.</summary>
    [Range(1, 3650, ErrorMessage = "Bounces:SoftBounceWindowDays must be between 1 and 3650.")]
    public int SoftBounceWindowDays { get; set; } = 30;

    /// <summary>Trust any certificate of the mailbox server: only for a test server with a self-signed certificate.</summary>
    public bool AcceptInvalidCertificate { get; set; }
}
