using Microsoft.AspNetCore.Html;

namespace CecopComms.Web.Admin;

/// <summary>
/// Values with markup of their own inside the admin area's sentences, as parts for
/// <see cref="Localization.HtmlWords.Html"/>: "load one with {0}." where {0} is code, "{0} of {1} done" where each figure is
/// updated in place by mailing-progress.js. The value is encoded; the markup is the page's.
/// </summary>
public static class StaffHtml
{
    /// <summary>A command or expression as code: <c>&lt;code&gt;words&lt;/code&gt;</c>.</summary>
    public static IHtmlContent Code(string words) => Wrap("<code>", words, "</code>");

    /// <summary>A figure the progress script updates: <c>&lt;span data-figure="name"&gt;value&lt;/span&gt;</c>.</summary>
    public static IHtmlContent Figure(string name, string value) => Wrap($"<span data-figure=\"{name}\">", value, "</span>");

    private static IHtmlContent Wrap(string open, string words, string close) =>
        new HtmlContentBuilder().AppendHtml(open).Append(words).AppendHtml(close);
}
