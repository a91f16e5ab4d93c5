using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Localization;

public static class LocalizationServiceCollectionExtensions
{
    /// <summary>The shipped languages (Languages:Shipped), checked at start: each must have its words.</summary>
    public static IServiceCollection AddLanguages(this IServiceCollection services)
    {
        services.AddOptions<LanguageOptions>().BindConfiguration(LanguageOptions.Section)
            .Validate(o => o.Shipped.All(t => System.Globalization.CultureInfo.GetCultures(System.Globalization.CultureTypes.AllCultures)
                    .Any(c => string.Equals(c.Name, t.Trim(), StringComparison.OrdinalIgnoreCase))),
                "Languages:Shipped holds a tag that is not a language (write tags such as fr, it, pt-BR).")
            .Validate(o => o.Tags.All(ReaderWords.HasWordsFor),
                "Languages:Shipped names a language that has no ReaderText.LANG.resx; see docs/languages.md.")
            .ValidateOnStart();
        return services;
    }
}
