using CecopComms.Delivery;
using CecopComms.Hosting;
using CecopComms.Localization;
using CecopComms.Scheduling;
using CecopComms.Storage;
using CecopComms.Web.Admin;
using CecopComms.Web.Archive;
using CecopComms.Web.Tracking;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace CecopComms.Web;

/// <summary>
/// The web host of `cecop serve`: the application's services, Razor Pages under Web/Pages, antiforgery, security
/// headers, the sign-up rate limiter, admin sign-in, and the public pages; the archive and tracking plug in through
/// AddArchive/MapArchive and AddTracking/MapTracking. The database is migrated before the first request.
/// </summary>
public static class WebApp
{
    /// <summary>The authorisation policy of every /admin page.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>Staff who may change things (admin, editor); viewers read only. Check it in POST handlers with <see cref="AdminRoles.CanEdit"/>.</summary>
    public const string EditorPolicy = "editor";

    /// <summary>Staff who may manage staff accounts (admin).</summary>
    public const string AdministratorPolicy = "administrator";

    /// <summary>
    /// A builder whose settings are exactly <paramref name="configuration"/> (the CLI's: appsettings.json, environment,
    /// --config), listening on Web:Urls. <paramref name="engine"/> adds the scheduler and the sender as hosted services.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(IConfiguration configuration, bool engine)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The entry assembly is not this one under a test host; Razor Pages are found through the application's name.
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            ContentRootPath = Environment.CurrentDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        // serve prints its own start and stop lines; the framework speaks up only for warnings. The data-protection
        // keys lie unencrypted in the database, beside secrets of the same weight (the settings, token.key), so its
        // warning about that is noise at every start.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        // Only the addresses are read here; the whole section is validated with the others before anything listens.
        builder.WebHost.UseUrls((configuration[$"{WebOptions.Section}:{nameof(WebOptions.Urls)}"] ?? new WebOptions().Urls).Split(';'));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // The public forms and one-click POSTs are a few hundred bytes; nothing here takes uploads.
            k.Limits.MaxRequestBodySize = 1024 * 1024;
        });

        var services = builder.Services;
        services.AddApplication(builder.Configuration);
        services.AddWeb();
        services.AddReaderLocalization();
        // Antiforgery and sign-in cookies are protected with keys kept in the database, so a restart keeps them valid and
        // every node of one database accepts the cookies the others made.
        services.AddDataProtection().SetApplicationName("cecop");
        services.AddSingleton<DatabaseKeyRepository>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = sp.GetRequiredService<DatabaseKeyRepository>()));
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Web/Pages";
            // Every admin page needs a signed-in staff member, except the sign-in page itself.
            o.Conventions.AuthorizeFolder("/Admin", AdminPolicy);
            o.Conventions.AllowAnonymousToPage("/Admin/Login");
            // A method no handler takes is refused, not rendered as a page with nothing loaded.
            o.Conventions.ConfigureFilter(new UnhandledMethodFilter());
        });
        // An empty field bound to non-null text stays "", not null (see EmptyTextStaysText).
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.ModelMetadataDetailsProviders.Add(new EmptyTextStaysText()));
        // Pages are read in many languages: letters stay letters ("López", not "L&#xF3;pez"); markup characters are still escaped.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "cecop-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__csrf";
            // Antiforgery would answer SAMEORIGIN on every form page; SecurityHeaders decides framing for all responses.
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy<string, MailOnRequestRateLimitPolicy>(MailOnRequestRateLimitPolicy.Signup);
            o.AddPolicy<string, SignInRateLimitPolicy>(SignInRateLimitPolicy.StaffSignIn);
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(StaffAuthentication.Configure);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(UserStore.Roles))
            .AddPolicy(EditorPolicy, p => p.RequireAuthenticatedUser().RequireRole(AdminRoles.Editors))
            .AddPolicy(AdministratorPolicy, p => p.RequireAuthenticatedUser().RequireRole(AdminRoles.Administrators));
        services.AddArchive();
        services.AddTracking();
        if (engine)
        {
            services.AddHostedService(sp => sp.GetRequiredService<SchedulerService>());
            services.AddHostedService(sp => sp.GetRequiredService<SenderService>());
            // Reads the bounce mailbox every Bounces:IntervalMinutes; idles when Bounces:Enabled is false.
            services.AddHostedService(sp => sp.GetRequiredService<Delivery.Bounces.BounceService>());
        }
        return builder;
    }

    /// <summary>Builds the application from <paramref name="builder"/>, checks the settings, migrates the database and maps every endpoint.</summary>
    /// <exception cref="SettingsException">A setting is not valid; the message names it.</exception>
    public static async Task<WebApplication> BuildAsync(WebApplicationBuilder builder, CancellationToken cancellationToken)
    {
        var app = builder.Build();
        try
        {
            await AppServices.PrepareAsync(app.Services, cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        if (app.Services.GetRequiredService<IOptions<WebOptions>>().Value.KnownProxies is { Count: > 0 } proxies)
        {
            // Behind a reverse proxy: the visitor's address and scheme come from its headers, and only from it.
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies) forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            app.UseForwardedHeaders(forwarded);
        }
        app.UseMiddleware<SecurityHeaders>();
        // Public pages speak the reader's language; the admin area stays English.
        app.UseReaderLocalization();
        // Errors with no body of their own (400 for a bad token, 404, 429) get a page that says what happened.
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGet("/assets/site.css", () => Results.Text(Stylesheet.Value, "text/css; charset=utf-8"));
        app.MapGet("/assets/admin.css", () => Results.Text(AdminStylesheet.Value, "text/css; charset=utf-8"));
        // Our own scripts only (CSP script-src 'self'): every page works without them, they make it smoother.
        app.MapGet("/assets/mailing-progress.js", () => Results.Text(MailingProgressScript.Value, "text/javascript; charset=utf-8"));
        app.MapGet("/assets/compose.js", () => Results.Text(ComposeScript.Value, "text/javascript; charset=utf-8"));
        app.MapRazorPages();
        app.MapArchive();
        app.MapTracking();
        return app;
    }

    private static readonly Lazy<string> AdminStylesheet = new(() => Asset("admin.css"));

    private static readonly Lazy<string> MailingProgressScript = new(() => Asset("mailing-progress.js"));

    private static readonly Lazy<string> ComposeScript = new(() => Asset("compose.js"));

    private static string Asset(string name)
    {
        using var stream = typeof(WebApp).Assembly.GetManifestResourceStream("CecopComms.Web.Assets." + name)
            ?? throw new InvalidOperationException($"Web/Assets/{name} is not embedded in the application.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static readonly Lazy<string> Stylesheet = new(() => Asset("site.css"));
}
