using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CecopComms.Web.Archive;

/// <summary>The response of an edition's web version: the e-mail's own HTML document, under a policy that fits it.</summary>
public static class EditionPage
{
    /// <summary>
    /// The e-mail's HTML styles itself inline and shows images from https sites, which the site-wide policy forbids; it
    /// runs no script, and this policy still forbids script, forms, frames and plugins.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The page as a response; the public archive may be cached, the members' one never by a shared cache.</summary>
    public static ContentResult Result(HttpContext context, WebEdition edition, ArchiveAccess access)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = access == ArchiveAccess.Public ? "public, max-age=300" : "private, no-store";
        headers.ContentLanguage = edition.Language;
        // Without ?lang= the language came from the reader's cookie or browser, so a cache must keep them apart.
        // An empty ?lang= counts as none: the page then follows the cookie or browser too.
        if (string.IsNullOrWhiteSpace(context.Request.Query[Localization.ReaderLocalization.Query])) headers.Vary = "Accept-Language, Cookie";
        return new ContentResult { Content = edition.Html, ContentType = "text/html; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }
}
