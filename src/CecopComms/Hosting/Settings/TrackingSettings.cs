namespace CecopComms.Hosting.Settings;

/// <summary>The "tracking" section: open and click tracking on or off.</summary>
public sealed class TrackingSettings
{
    public bool Enabled { get; set; }
}
