using CecopComms.Hosting.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CecopComms.Delivery.Bounces;

public static class BouncesServiceCollectionExtensions
{
    /// <summary>
    /// Bounce handling: the recorder shared by the sender (SMTP 5xx) and the mailbox reader, the reader itself, the
    /// store behind `cecop bounces list`, and <see cref="BounceService"/> for `cecop serve` to host next to the scheduler
    /// and the sender (it idles unless Bounces:Enabled). Settings from the "Bounces" section, checked at start.
    /// </summary>
    public static IServiceCollection AddBounces(this IServiceCollection services)
    {
        services.AddOptions<BounceMailboxOptions>()
            .BindConfiguration(BounceMailboxOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.Host), "Bounces:Host must name the server of the bounce mailbox when Bounces:Enabled is true.")
            .Validate(o => !o.Enabled || (!string.IsNullOrEmpty(o.User) && !string.IsNullOrEmpty(o.Password)),
                "Bounces:User and Bounces:Password must be set when Bounces:Enabled is true.")
            .ValidateOnStart();
        services.AddSingleton<BounceRecorder>();
        // The mailbox and its interval follow the settings page: read at each run, and a save wakes the service.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<BounceProcessor>(sp, Live(sp)));
        services.AddSingleton<BounceStore>();
        // Not an IHostedService here: only the engine (`cecop serve`) runs it, as it does SchedulerService and SenderService.
        services.AddSingleton(sp => new BounceService(sp.GetRequiredService<BounceProcessor>(), Live(sp), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptionsMonitor<BounceMailboxOptions>>()));
        return services;
    }

    private static LiveOptions<BounceMailboxOptions> Live(IServiceProvider services) => new(services.GetRequiredService<IOptionsMonitor<BounceMailboxOptions>>());
}
