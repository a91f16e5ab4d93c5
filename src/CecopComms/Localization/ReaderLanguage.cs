using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace CecopComms.Localization;

/// <summary>
/// Writes a page reached with a subscriber's link (preferences, unsubscribe, confirm) in that subscriber's language: the
/// page handler names it with <see cref="Use"/>, and this filter applies it while the page is written. A language
/// chosen on the page itself (<c>?lang=</c>) still wins. The culture is set around the result, not in the handler,
/// because a culture set inside an awaited handler does not flow back to the view.
/// </summary>
public sealed class ReaderLanguage(IOptions<LanguageOptions> languages) : IAsyncAlwaysRunResultFilter
{
    private static readonly object Key = new();

    /// <summary>Asks for the page to be written in <paramref name="language"/> (a shipped one, else its primary, else English); null changes nothing.</summary>
    public static void Use(HttpContext context, string? language)
    {
        if (!string.IsNullOrWhiteSpace(language)) context.Items[Key] = language;
    }

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (!context.HttpContext.Items.TryGetValue(Key, out var asked) || ReaderLocalization.Chosen(context.HttpContext))
        {
            await next();
            return;
        }
        var culture = CultureInfo.GetCultureInfo(languages.Value.Resolve(asked as string));
        var (culturePrevious, uiPrevious) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        context.HttpContext.Response.Headers.ContentLanguage = culture.Name;
        try
        {
            await next();
        }
        finally
        {
            CultureInfo.CurrentCulture = culturePrevious;
            CultureInfo.CurrentUICulture = uiPrevious;
        }
    }
}
