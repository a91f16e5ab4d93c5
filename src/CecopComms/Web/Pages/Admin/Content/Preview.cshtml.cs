using CecopComms.Audience;
using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Localization;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Content;

/// <summary>
/// Preview an edition or campaign mailing as one reader gets it — per language (?lang=fr) or per subscriber
/// (?subscriber=EMAIL), through the render path a send uses — as HTML in a sandboxed frame and as the text version;
/// and send one test copy marked [TEST] with the same service as `cecop send --test`.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ContentPreviewModel(ContentPreview preview, TestSend testSend, IStringLocalizer<StaffText> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Lang { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Subscriber { get; set; }

    /// <summary>The address a test copy goes to.</summary>
    [BindProperty]
    public string? TestEmail { get; set; }

    public string Kind { get; private set; } = "";
    public long Id { get; private set; }
    public string Title { get; private set; } = "";
    public IReadOnlyList<string> Languages { get; private set; } = [];
    public RenderedMail? Mail { get; private set; }
    public RecipientData? Reader { get; private set; }

    /// <summary>Why nothing can be shown or sent, as a sentence.</summary>
    public string? Problem { get; private set; }

    /// <summary>The address of the frame's HTML, for the same reader.</summary>
    public string FrameUrl => QueryString.Create(new Dictionary<string, string?> { ["lang"] = Empty(Lang), ["subscriber"] = Empty(Subscriber) }
        .Where(p => p.Value is not null)) is var query ? $"/admin/content/preview/{Kind}/{Id}/html{query}" : "";

    /// <summary>Where to go back to: the edition, or the campaign mailing's campaign.</summary>
    public string BackUrl => Kind == "edition" ? $"/admin/content/editions/{Id}" : "/admin/content";

    public async Task<IActionResult> OnGetAsync(string kind, long id, CancellationToken cancellationToken)
    {
        if (PreviewPage.Source(kind, id) is not { } source) return NotFound();
        await RenderAsync(kind, id, source, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostTestSendAsync(string kind, long id, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        if (PreviewPage.Source(kind, id) is not { } source) return NotFound();
        try
        {
            if (string.IsNullOrWhiteSpace(TestEmail)) throw new AudienceException(localizer["Give the address the test copy goes to."]);
            // The copy matches the preview on the page: its language and its reader.
            var result = await testSend.SendAsync(source, TestEmail, Empty(Lang), Empty(Subscriber), cancellationToken);
            if (result.Kind == OutcomeKind.Sent)
            {
                TempData["Message"] = localizer["A test copy marked [TEST] was sent to {0}.", TestEmail.Trim()].Value;
                return Redirect($"/admin/content/preview/{kind}/{id}{QueryString.Create(new Dictionary<string, string?> { ["lang"] = Empty(Lang), ["subscriber"] = Empty(Subscriber) }.Where(p => p.Value is not null))}");
            }
            Problem = localizer["The test copy to {0} was not sent: {1}", TestEmail.Trim(), result.Reply];
        }
        catch (Exception e) when (e is AudienceException or ContentValidationException or ContentNotFoundException)
        {
            Problem = e.Message;
        }
        var problem = Problem;
        await RenderAsync(kind, id, source, cancellationToken);
        Problem ??= problem;
        return Page();
    }

    private async Task RenderAsync(string kind, long id, MailingSource source, CancellationToken cancellationToken)
    {
        // The site's policy, plus frames from this site: the rendered message in its sandboxed frame, nothing else.
        Response.Headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy + "; frame-src 'self'";
        Kind = kind;
        Id = id;
        try
        {
            var (mailing, reader, mail) = await preview.RenderAsync(source, Empty(Lang), Empty(Subscriber), cancellationToken);
            Title = mailing.Title;
            Languages = mailing.Languages;
            Reader = reader;
            Mail = mail;
        }
        catch (Exception e) when (e is ContentNotFoundException or ContentValidationException)
        {
            Problem = e.Message;
        }
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
