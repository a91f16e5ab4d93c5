using CecopComms.Delivery;

namespace CecopComms.Hosting.Settings;

/// <summary>The "smtp" section: how mail leaves (outbox or smtp) and the SMTP servers; replaces Delivery:Transport and Delivery:Servers.</summary>
public sealed class SmtpSettings
{
    public string Transport { get; set; } = "outbox";

    public List<SmtpServerOptions> Servers { get; set; } = [];
}
