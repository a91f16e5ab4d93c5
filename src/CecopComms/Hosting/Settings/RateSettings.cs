namespace CecopComms.Hosting.Settings;

/// <summary>The "rates" section: the sending limits of Delivery (0 is no limit).</summary>
public sealed class RateSettings
{
    public double RatePerSecond { get; set; }
    public double RatePerHour { get; set; }
    public double RatePerDay { get; set; }
    public double PerDomainRatePerSecond { get; set; }
}
