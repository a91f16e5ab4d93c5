using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace CecopComms.Localization;

/// <summary>The language switcher of the public pages: each shipped language by its own name, linking to this page in it.</summary>
public static class LanguageSwitch
{
    /// <summary>This page's path and query with <c>lang</c> set to <paramref name="tag"/>; a POST's page is linked by its address.</summary>
    public static string Link(HttpRequest request, string tag)
    {
        var query = new QueryBuilder(request.Query.Where(q => !string.Equals(q.Key, ReaderLocalization.Query, StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))))
        {
            { ReaderLocalization.Query, tag },
        };
        // "//host/…" would leave the site: a path is always linked as one.
        var path = (request.PathBase + request.Path).ToUriComponent();
        return "/" + path.TrimStart('/') + query.ToQueryString();
    }

    /// <summary>The language's name in itself, capitalised: "Français", "Polski".</summary>
    public static string Name(string tag)
    {
        var culture = CultureInfo.GetCultureInfo(tag);
        return culture.TextInfo.ToTitleCase(culture.NativeName);
    }
}
