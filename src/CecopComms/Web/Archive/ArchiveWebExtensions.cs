using CecopComms.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Archive;

/// <summary>The public and members-only archives of sent editions, plugged into the web host.</summary>
public static class ArchiveWebExtensions
{
    /// <summary>
    /// Registers the archive's services: the store of sent editions, their web versions, the magic-link login with its
    /// mailer and rate limit, and the "Member" cookie scheme with the policy of the members' pages.
    /// </summary>
    public static IServiceCollection AddArchive(this IServiceCollection services)
    {
        services.AddSingleton<ArchiveStore>();
        services.AddSingleton<ArchiveSubjects>();
        services.AddSingleton<EditionWebVersion>();
        services.AddSingleton<MemberLoginToken>();
        services.AddSingleton<MemberLogin>();
        services.AddSingleton<MemberLoginMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<MemberLoginMailer>());
        services.AddAuthentication().AddCookie(MemberAuthentication.Scheme, MemberAuthentication.Configure);
        services.AddAuthorizationBuilder().AddPolicy(MemberAuthentication.Policy, p => p
            .AddAuthenticationSchemes(MemberAuthentication.Scheme)
            .RequireAuthenticatedUser());
        services.AddRateLimiter(o =>
        {
            o.AddPolicy<string, MailOnRequestRateLimitPolicy>(MailOnRequestRateLimitPolicy.MemberLogin);
            o.AddPolicy<string, SignInRateLimitPolicy>(SignInRateLimitPolicy.MemberLink);
        });
        return services;
    }

    /// <summary>Maps the archive's endpoints that are not pages: the Atom feed of the public archive.</summary>
    public static IEndpointRouteBuilder MapArchive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/archive/feed.atom", async (ArchiveStore archive, IOptions<DeliveryOptions> delivery, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        {
            var editions = await archive.ListAsync(ArchiveAccess.Public, cancellationToken);
            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Text(ArchiveFeed.Write(editions, delivery.Value.PublicBaseUrl, time.GetUtcNow()), ArchiveFeed.ContentType);
        });
        return endpoints;
    }
}
