namespace CecopComms.Delivery.Tracking;

/// <summary>
/// Open and click tracking, bound from the "Tracking" section. Off by default (GDPR: tracking is a setting, not a
/// default): mails then carry no pixel and no rewritten links, and the tracking endpoints answer 404.
/// </summary>
public sealed class TrackingOptions
{
    public const string Section = "Tracking";

    /// <summary>When true, mailings carry an open pixel and their links go through signed click redirects.</summary>
    public bool Enabled { get; set; }
}
