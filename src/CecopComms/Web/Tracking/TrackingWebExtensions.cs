using CecopComms.Delivery.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Web.Tracking;

/// <summary>Open and click tracking (a setting, off by default), plugged into the web host.</summary>
public static class TrackingWebExtensions
{
    /// <summary>
    /// Registers the event writer that batches opens and clicks into the events table, as a hosted service so a clean
    /// stop writes what is waiting. (Tracking:Enabled and the mailing links store come with the delivery services.)
    /// </summary>
    public static IServiceCollection AddTracking(this IServiceCollection services)
    {
        services.AddSingleton<TrackingEventWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<TrackingEventWriter>());
        return services;
    }

    /// <summary>Maps the open pixel /t/o/{token}.gif and the click redirect /t/c/{token}/{n}.</summary>
    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/t/o/{token}.gif", TrackingEndpoints.OpenAsync);
        endpoints.MapGet("/t/c/{token}/{n}", TrackingEndpoints.ClickAsync);
        return endpoints;
    }
}
