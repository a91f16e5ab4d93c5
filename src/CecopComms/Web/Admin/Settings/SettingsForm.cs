namespace CecopComms.Web.Admin.Settings;

/// <summary>
/// The settings page's form. Numbers are text, so a word where a number belongs gets a sentence naming the field
/// rather than a binder's message; secrets come only as replacements (New…) or a request to clear them.
/// </summary>
public sealed class SettingsForm
{
    public string Transport { get; set; } = "outbox";
    public List<ServerForm> Servers { get; set; } = [];

    public string RatePerSecond { get; set; } = "0";
    public string RatePerHour { get; set; } = "0";
    public string RatePerDay { get; set; } = "0";
    public string PerDomainRatePerSecond { get; set; } = "0";

    public string DkimDomain { get; set; } = "";
    public string DkimSelector { get; set; } = "";
    public string DkimNewKey { get; set; } = "";
    public bool DkimClearKey { get; set; }

    public bool BouncesEnabled { get; set; }
    public string BounceProtocol { get; set; } = "pop3";
    public string BounceHost { get; set; } = "";
    public string BouncePort { get; set; } = "0";
    public string BounceSecurity { get; set; } = "SslOnConnect";
    public string BounceUser { get; set; } = "";
    public string BounceNewPassword { get; set; } = "";
    public bool BounceClearPassword { get; set; }
    public string BounceIntervalMinutes { get; set; } = "10";
    public bool BounceAcceptInvalidCertificate { get; set; }

    public bool TrackingEnabled { get; set; }
}
