using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Web.Tracking;

/// <summary>Open and click tracking (a setting, off by default), plugged into the web host.</summary>
public static class TrackingWebExtensions
{
    /// <summary>Registers tracking's services.</summary>
    public static IServiceCollection AddTracking(this IServiceCollection services) => services;

    /// <summary>Maps tracking's endpoints.</summary>
    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder endpoints) => endpoints;
}
