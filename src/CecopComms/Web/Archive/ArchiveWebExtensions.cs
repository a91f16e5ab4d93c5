using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Web.Archive;

/// <summary>The public and members-only archives of sent editions, plugged into the web host.</summary>
public static class ArchiveWebExtensions
{
    /// <summary>Registers the archive's services.</summary>
    public static IServiceCollection AddArchive(this IServiceCollection services) => services;

    /// <summary>Maps the archive's endpoints.</summary>
    public static IEndpointRouteBuilder MapArchive(this IEndpointRouteBuilder endpoints) => endpoints;
}
