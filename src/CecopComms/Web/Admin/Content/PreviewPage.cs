using CecopComms.Content;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CecopComms.Web.Admin.Content;

/// <summary>The admin preview's addresses and the response that carries a rendered message into its sandboxed frame.</summary>
public static class PreviewPage
{
    /// <summary>
    /// The message's HTML styles itself inline and shows https images; it runs no script, submits no form and may be
    /// framed only by the admin's own preview page (the site-wide policy forbids every frame). The sandbox directive
    /// puts it in a unique origin even when opened on its own.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox allow-popups allow-popups-to-escape-sandbox";

    /// <summary>"edition" or "campaign-mailing" in an address, as a mailing source; null for anything else.</summary>
    public static MailingSource? Source(string kind, long id) => kind switch
    {
        "edition" => new MailingSource(MailingSourceKind.Edition, id),
        "campaign-mailing" => new MailingSource(MailingSourceKind.CampaignMailing, id),
        _ => null,
    };

    /// <summary>The address segment of a source's kind.</summary>
    public static string Kind(MailingSource source) => source.Kind == MailingSourceKind.Edition ? "edition" : "campaign-mailing";

    /// <summary>The rendered HTML as a response under <see cref="ContentSecurityPolicy"/>, never cached.</summary>
    public static ContentResult Result(HttpContext context, RenderedMail mail)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        // The same decision for browsers that only know the older header.
        SecurityHeaders.AllowSameOriginFrame(context);
        headers.CacheControl = "private, no-store";
        headers.ContentLanguage = mail.Language;
        return new ContentResult { Content = mail.Html, ContentType = "text/html; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }

    /// <summary>Why there is nothing to show, as plain text the preview's frame may show, under the same policy.</summary>
    public static ContentResult Problem(HttpContext context, string sentence, int statusCode)
    {
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        SecurityHeaders.AllowSameOriginFrame(context);
        context.Response.Headers.CacheControl = "private, no-store";
        return new ContentResult { Content = sentence, ContentType = "text/plain; charset=utf-8", StatusCode = statusCode };
    }
}
