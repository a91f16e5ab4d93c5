using CecopComms.Delivery;
using CecopComms.Delivery.Bounces;
using CecopComms.Delivery.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CecopComms.Hosting.Settings;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>The settings kept in the database and their overlay on the Delivery, Bounces and Tracking options.</summary>
    public static IServiceCollection AddStoredSettings(this IServiceCollection services)
    {
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<StoredSettingsOverlay>();
        services.AddSingleton<IPostConfigureOptions<DeliveryOptions>>(sp => sp.GetRequiredService<StoredSettingsOverlay>());
        services.AddSingleton<IPostConfigureOptions<BounceMailboxOptions>>(sp => sp.GetRequiredService<StoredSettingsOverlay>());
        services.AddSingleton<IPostConfigureOptions<TrackingOptions>>(sp => sp.GetRequiredService<StoredSettingsOverlay>());
        services.AddSingleton<IOptionsChangeTokenSource<DeliveryOptions>>(sp => sp.GetRequiredService<StoredSettingsOverlay>());
        services.AddSingleton<IOptionsChangeTokenSource<BounceMailboxOptions>>(sp => sp.GetRequiredService<StoredSettingsOverlay>());
        services.AddSingleton<IOptionsChangeTokenSource<TrackingOptions>>(sp => sp.GetRequiredService<StoredSettingsOverlay>());
        return services;
    }
}
