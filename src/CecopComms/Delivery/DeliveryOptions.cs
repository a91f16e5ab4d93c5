using System.ComponentModel.DataAnnotations;

namespace CecopComms.Delivery;

/// <summary>How mail leaves: transport, servers, limits, retries, headers and signing. Bound from the "Delivery" section.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>"outbox" (the default: every message written as an .eml file) or "smtp" (the servers below).</summary>
    [Required, RegularExpression("^(outbox|smtp)$", ErrorMessage = "Delivery:Transport must be 'outbox' or 'smtp'.")]
    public string Transport { get; set; } = "outbox";

    /// <summary>The outbox folder, relative to the working directory.</summary>
    [Required(ErrorMessage = "Delivery:OutboxPath must name a folder.")]
    public string OutboxPath { get; set; } = "outbox";

    /// <summary>SMTP servers, used when Transport is "smtp".</summary>
    public List<SmtpServerOptions> Servers { get; set; } = [];

    /// <summary>Messages per second over all servers; 0 means no limit.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Delivery:RatePerSecond must be 0 (no limit) or more.")]
    public double RatePerSecond { get; set; }

    /// <summary>Messages per hour over all servers; 0 means no limit.</summary>
    [Range(0, 100_000_000, ErrorMessage = "Delivery:RatePerHour must be 0 (no limit) or more.")]
    public double RatePerHour { get; set; }

    /// <summary>Messages per day over all servers; 0 means no limit.</summary>
    [Range(0, 1_000_000_000, ErrorMessage = "Delivery:RatePerDay must be 0 (no limit) or more.")]
    public double RatePerDay { get; set; }

    /// <summary>Messages per second to any one recipient domain; 0 means no limit.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Delivery:PerDomainRatePerSecond must be 0 (no limit) or more.")]
    public double PerDomainRatePerSecond { get; set; }

    /// <summary>Concurrent sender workers; 0 means one per SMTP connection allowed (or 4 for the outbox).</summary>
    [Range(0, 512, ErrorMessage = "Delivery:Workers must be between 0 (automatic) and 512.")]
    public int Workers { get; set; }

    /// <summary>Attempts per recipient before a temporary failure becomes permanent.</summary>
    [Range(1, 50, ErrorMessage = "Delivery:MaxAttempts must be between 1 and 50.")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry waits this long; each next one twice as long.</summary>
    [Range(0, 86_400, ErrorMessage = "Delivery:RetryBaseSeconds must be between 0 and 86400.")]
    public double RetryBaseSeconds { get; set; } = 60;

    /// <summary>This many failures in a row pause the mailing, with the last reply as the reason.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Delivery:PauseAfterConsecutiveErrors must be 1 or more.")]
    public int PauseAfterConsecutiveErrors { get; set; } = 50;

    /// <summary>
    /// How long a sender holds the ledger rows it claimed, by the database's clock; renewed while it runs. A sender that
    /// died or stalled longer loses them to another, and does not send them when it wakes. Also how long a killed sender's
    /// rows wait before a restart sends them.
    /// </summary>
    [Range(1, 3_600, ErrorMessage = "Delivery:ClaimSeconds must be between 1 and 3600.")]
    public double ClaimSeconds { get; set; } = 30;

    /// <summary>
    /// How long a row just handed to the server is held (at least ClaimSeconds): a sender stalled while the server
    /// answers can still mark it. A stall inside the handoff longer than this may give that one recipient a second copy.
    /// </summary>
    [Range(1, 3_600, ErrorMessage = "Delivery:HandoffSeconds must be between 1 and 3600.")]
    public double HandoffSeconds { get; set; } = 60;

    /// <summary>The domain of Message-IDs and List-Ids.</summary>
    [Required(ErrorMessage = "Delivery:MessageIdDomain must name a domain.")]
    public string MessageIdDomain { get; set; } = "cecop.coop";

    /// <summary>The domain of bounce (VERP) and mailto unsubscribe addresses.</summary>
    [Required(ErrorMessage = "Delivery:BounceDomain must name a domain.")]
    public string BounceDomain { get; set; } = "bounces.cecop.coop";

    /// <summary>Where the public pages are: unsubscribe and preference links start with it.</summary>
    [Required, Url(ErrorMessage = "Delivery:PublicBaseUrl must be an absolute http(s) URL.")]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>The HMAC key of signed links and bounce addresses (base64, 32 bytes or more); when empty one is generated into the data folder.</summary>
    public string? TokenSecret { get; set; }

    /// <summary>DKIM signing; off unless Domain, Selector and KeyPath are all set.</summary>
    public DkimOptions Dkim { get; set; } = new();
}
