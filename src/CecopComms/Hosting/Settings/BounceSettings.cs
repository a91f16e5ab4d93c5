namespace CecopComms.Hosting.Settings;

/// <summary>The "bounces" section: the bounce mailbox and how often it is read (the soft-bounce rules stay in the files).</summary>
public sealed class BounceSettings
{
    public bool Enabled { get; set; }
    public string Protocol { get; set; } = "pop3";
    public string Host { get; set; } = "";
    public int Port { get; set; }
    public string Security { get; set; } = "SslOnConnect";
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    public int IntervalMinutes { get; set; } = 10;
    public bool AcceptInvalidCertificate { get; set; }
}
