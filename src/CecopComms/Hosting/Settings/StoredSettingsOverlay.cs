using CecopComms.Delivery;
using CecopComms.Delivery.Bounces;
using CecopComms.Delivery.Tracking;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace CecopComms.Hosting.Settings;

/// <summary>
/// Lays the sections kept in the database over the options bound from the files and the environment: a stored section
/// replaces the values it holds (a stored server list replaces the files' list whole, it is not merged item by item),
/// and a save makes every IOptionsMonitor of these options recompute. Storage:* never comes from the database.
/// </summary>
public sealed class StoredSettingsOverlay(SettingsStore store) :
    IPostConfigureOptions<DeliveryOptions>, IPostConfigureOptions<BounceMailboxOptions>, IPostConfigureOptions<TrackingOptions>,
    IOptionsChangeTokenSource<DeliveryOptions>, IOptionsChangeTokenSource<BounceMailboxOptions>, IOptionsChangeTokenSource<TrackingOptions>
{
    public string? Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => store.ChangeToken();

    public void PostConfigure(string? name, DeliveryOptions options)
    {
        if (store.Section<SmtpSettings>(SettingsSections.Smtp) is { } smtp)
        {
            options.Transport = smtp.Transport;
            options.Servers = smtp.Servers;
        }
        if (store.Section<RateSettings>(SettingsSections.Rates) is { } rates)
        {
            options.RatePerSecond = rates.RatePerSecond;
            options.RatePerHour = rates.RatePerHour;
            options.RatePerDay = rates.RatePerDay;
            options.PerDomainRatePerSecond = rates.PerDomainRatePerSecond;
        }
        if (store.Section<DkimSettings>(SettingsSections.Dkim) is { } dkim)
        {
            options.Dkim = new DkimOptions
            {
                Domain = dkim.Domain,
                Selector = dkim.Selector,
                PrivateKey = dkim.PrivateKey,
                // A key kept in the database wins; without one, the files' key file still serves.
                KeyPath = string.IsNullOrWhiteSpace(dkim.PrivateKey) ? options.Dkim.KeyPath : null,
            };
        }
    }

    public void PostConfigure(string? name, BounceMailboxOptions options)
    {
        if (store.Section<BounceSettings>(SettingsSections.Bounces) is not { } bounces) return;
        options.Enabled = bounces.Enabled;
        options.Protocol = bounces.Protocol;
        options.Host = bounces.Host;
        options.Port = bounces.Port;
        options.Security = bounces.Security;
        options.User = bounces.User;
        options.Password = bounces.Password;
        options.IntervalMinutes = bounces.IntervalMinutes;
        options.AcceptInvalidCertificate = bounces.AcceptInvalidCertificate;
    }

    public void PostConfigure(string? name, TrackingOptions options)
    {
        if (store.Section<TrackingSettings>(SettingsSections.Tracking) is { } tracking) options.Enabled = tracking.Enabled;
    }
}
