using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace CecopComms.Localization;

/// <summary>Words with markup inside them: "Look in your spam folder, or {0}." where {0} is a link.</summary>
public static class HtmlWords
{
    // As the pages' own encoder: letters of every language stay letters, markup characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// The word, HTML-encoded, with each {n} replaced by <paramref name="parts"/>[n] as markup; parts are built by the
    /// page (a link, a name in bold) and encode their own text. The translation itself is never taken as markup.
    /// </summary>
    public static IHtmlContent Html(this IStringLocalizer localizer, string key, params IHtmlContent[] parts)
    {
        var markup = parts.Select(part =>
        {
            using var writer = new StringWriter();
            part.WriteTo(writer, Encoder);
            return (object)writer.ToString();
        }).ToArray();
        return new HtmlString(string.Format(System.Globalization.CultureInfo.CurrentCulture, Encoder.Encode(localizer[key].Value), markup));
    }

    /// <summary>Plain text as a part, encoded: a number or a name that is not bold.</summary>
    public static IHtmlContent Text(string words) => new HtmlString(Encoder.Encode(words));

    /// <summary>A link whose words are encoded: <c>&lt;a href="…"&gt;words&lt;/a&gt;</c>.</summary>
    public static IHtmlContent Link(string href, string words) =>
        new HtmlString($"<a href=\"{Encoder.Encode(href)}\">{Encoder.Encode(words)}</a>");

    /// <summary>Words in bold, encoded.</summary>
    public static IHtmlContent Strong(string words) => new HtmlString($"<strong>{Encoder.Encode(words)}</strong>");
}
