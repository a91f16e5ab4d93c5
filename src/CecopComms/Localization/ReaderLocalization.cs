using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CecopComms.Localization;

/// <summary>
/// The language of the public pages: <c>?lang=</c>, then the cookie a chosen language leaves, then the browser's
/// Accept-Language, then English; only shipped languages are taken ("fr-BE" reads "fr"). Pages reached with a
/// subscriber's link put that subscriber's language ahead of the cookie (<see cref="ReaderLanguage"/>). The admin area
/// is left alone: it stays English, with its numbers and dates written one way.
/// </summary>
public static class ReaderLocalization
{
    /// <summary>The query parameter of the language switcher.</summary>
    public const string Query = "lang";

    /// <summary>The cookie that keeps a chosen language for a year.</summary>
    public const string Cookie = "cecop-lang";

    /// <summary>The localizer of pages, and the filter that writes a token page in its subscriber's language.</summary>
    public static IServiceCollection AddReaderLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add<ReaderLanguage>());
        return services;
    }

    /// <summary>Sets each public request's culture and remembers a language chosen with <c>?lang=</c>.</summary>
    public static WebApplication UseReaderLocalization(this WebApplication app)
    {
        var languages = app.Services.GetRequiredService<IOptions<LanguageOptions>>().Value;
        var cultures = languages.Tags.Select(t => CultureInfo.GetCultureInfo(t)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(ReaderWords.English),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
            ApplyCurrentCultureToResponseHeaders = true,
        };
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider { QueryStringKey = Query, UIQueryStringKey = Query },
            new CookieRequestCultureProvider { CookieName = Cookie },
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/admin"), branch =>
        {
            branch.UseRequestLocalization(options);
            branch.Use((context, next) =>
            {
                Remember(context);
                return next(context);
            });
        });
        return app;
    }

    /// <summary>Whether the request names its language itself (the switcher), which wins over a subscriber's language.</summary>
    public static bool Chosen(HttpContext context) =>
        context.Features.Get<IRequestCultureFeature>()?.Provider is QueryStringRequestCultureProvider;

    /// <summary>
    /// The language the request chose with <c>?lang=</c>, or null: forms and redirects of a page carry it on, so a
    /// reader who switched a subscriber's page to another language keeps it after pressing a button.
    /// </summary>
    public static string? ChosenTag(HttpContext context) =>
        Chosen(context) ? context.Features.Get<IRequestCultureFeature>()!.RequestCulture.UICulture.Name : null;

    private static void Remember(HttpContext context)
    {
        if (!Chosen(context)) return;
        var culture = context.Features.Get<IRequestCultureFeature>()!.RequestCulture.UICulture;
        context.Response.Cookies.Append(Cookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromDays(365),
            Path = "/",
            IsEssential = true,
        });
    }
}
