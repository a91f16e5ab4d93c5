using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>Schedules, Quartz over the application's database, and what a trigger does; bound from the "Scheduling" section.</summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>()
            .BindConfiguration(SchedulingOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Scheduling:TimeZone must name an IANA time zone such as Europe/Brussels.")
            .ValidateOnStart();
        services.AddSingleton<ScheduleStore>();
        services.AddSingleton<ScheduledSend>();
        services.AddSingleton<ScheduleTriggers>();
        services.AddSingleton<SchedulePlanner>();
        services.AddSingleton<SchedulerService>();
        return services;
    }
}
