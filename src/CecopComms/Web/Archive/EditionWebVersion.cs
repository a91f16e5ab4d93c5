using System.Globalization;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CecopComms.Content;
using CecopComms.Content.Rendering;
using CecopComms.Localization;
using Microsoft.Extensions.Caching.Memory;

namespace CecopComms.Web.Archive;

/// <summary>
/// Renders a sent edition as its web version: the same templates and content engine as the e-mail, for a neutral
/// stand-in reader (no name, no address, no signed links), so an archive page holds no one's personal data. The
/// personal unsubscribe and preference links are taken out; a bar on top leads back to the archive and to the other
/// languages. Sent editions do not change, so each language is rendered once and kept (up to <see cref="CachedPages"/>).
/// </summary>
public sealed class EditionWebVersion(MailingContent content) : IDisposable
{
    /// <summary>Rendered pages kept in memory at most.</summary>
    public const int CachedPages = 200;

    // Stands in for the personal links while rendering; anchors pointing here are removed afterwards.
    private const string Removed = "https://removed.invalid/personal-link";
    private static readonly HtmlParser Parser = new();
    private static readonly RecipientLinks NeutralLinks = new(Removed, Removed, null, null);

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = CachedPages });

    /// <summary>
    /// The edition in <paramref name="language"/> when it was written in it (else its primary language, else English).
    /// <paramref name="archiveRoot"/> is the path of the archive index the bar links to ("/archive").
    /// </summary>
    /// <exception cref="ContentValidationException">The edition no longer compiles (its templates changed).</exception>
    /// <exception cref="ContentNotFoundException">The edition was deleted.</exception>
    public async Task<WebEdition> RenderAsync(ArchivedEdition edition, string? language, string archiveRoot, CancellationToken cancellationToken)
    {
        var requested = string.IsNullOrWhiteSpace(language) ? Content.Sources.LocalText.Fallback : language.Trim();
        var key = (edition.Id, requested.ToLowerInvariant(), archiveRoot);
        if (_pages.TryGetValue(key, out WebEdition? cached)) return cached!;
        var compiled = await content.CompileMailingAsync(new MailingSource(MailingSourceKind.Edition, edition.Id), cancellationToken);
        // Only written variants are rendered: any other tag gets the variant a subscriber with it would get, so a
        // request cannot make the server compile and keep a page per made-up language.
        var variant = LanguageChoice.Variant(compiled.Languages, requested);
        var variantKey = (edition.Id, variant.ToLowerInvariant(), archiveRoot);
        if (!_pages.TryGetValue(variantKey, out WebEdition? page))
        {
            var reader = new RecipientData(0, "", "", "", variant, null, null, new Dictionary<string, string?>());
            var rendered = compiled.Render(reader, NeutralLinks);
            page = new WebEdition(Finish(rendered.Html, edition, variant, compiled.Languages, archiveRoot), variant, compiled.Languages);
            _pages.Set(variantKey, page, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        }
        if (!key.Equals(variantKey)) _pages.Set(key, page, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return page!;
    }

    public void Dispose() => _pages.Dispose();

    private static string Finish(string html, ArchivedEdition edition, string language, IReadOnlyList<string> languages, string archiveRoot)
    {
        var document = Parser.ParseDocument(html);
        foreach (var anchor in document.QuerySelectorAll($"a[href=\"{Removed}\"]").ToList())
        {
            // "Unsubscribe · Preferences · cecop.coop": the separator goes with the link.
            if (Separator(anchor.NextSibling) is { } next) next.RemoveFromParent();
            else if (Separator(anchor.PreviousSibling) is { } previous) previous.RemoveFromParent();
            anchor.RemoveFromParent();
        }
        var bar = document.CreateElement("div");
        bar.SetAttribute("style", "font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;padding:10px 16px;background-color:#1f2a36;color:#ffffff;text-align:center");
        bar.AppendChild(Link(document, archiveRoot, "\u2190 " + ReaderWords.Format("archive.back", language, edition.PublicationName)));
        foreach (var other in languages)
        {
            bar.AppendChild(document.CreateTextNode(" \u00b7 "));
            var name = LanguageName(other);
            var address = $"{archiveRoot}/{edition.RelativePath}?lang={Uri.EscapeDataString(other)}";
            // Search engines and readers learn of each written language; the page's own is one of them.
            var alternate = document.CreateElement("link");
            alternate.SetAttribute("rel", "alternate");
            alternate.SetAttribute("hreflang", other);
            alternate.SetAttribute("href", address);
            document.Head!.AppendChild(alternate);
            if (string.Equals(other, language, StringComparison.OrdinalIgnoreCase))
            {
                var current = document.CreateElement("strong");
                current.SetAttribute("lang", other);
                current.TextContent = name;
                bar.AppendChild(current);
            }
            else
            {
                var link = Link(document, address, name);
                link.SetAttribute("lang", other);
                link.SetAttribute("hreflang", other);
                bar.AppendChild(link);
            }
        }
        document.Body!.InsertBefore(bar, document.Body.FirstChild);
        return document.ToHtml();
    }

    private static INode? Separator(INode? node) =>
        node is IText text && text.Data.Trim() is "\u00b7" or "|" or "-" or "\u2013" or "" ? node : null;

    private static IElement Link(IDocument document, string href, string text)
    {
        var anchor = document.CreateElement("a");
        anchor.SetAttribute("href", href);
        anchor.SetAttribute("style", "color:#ffffff");
        anchor.TextContent = text;
        return anchor;
    }

    private static string LanguageName(string tag)
    {
        try
        {
            var native = CultureInfo.GetCultureInfo(tag, predefinedOnly: true).NativeName;
            return native.Length == 0 ? tag : char.ToUpper(native[0], CultureInfo.InvariantCulture) + native[1..];
        }
        catch (CultureNotFoundException)
        {
            return tag;
        }
    }
}
