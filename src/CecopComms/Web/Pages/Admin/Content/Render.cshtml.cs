using CecopComms.Content;
using CecopComms.Web.Admin.Content;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin.Content;

/// <summary>
/// The HTML an edition or campaign mailing renders to for one reader (?lang=fr, ?subscriber=EMAIL), for the preview
/// page's sandboxed frame, under its own Content-Security-Policy (see <see cref="PreviewPage"/>).
/// </summary>
public sealed class ContentRenderModel(ContentPreview preview) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string kind, long id, string? lang, string? subscriber, CancellationToken cancellationToken)
    {
        if (PreviewPage.Source(kind, id) is not { } source) return NotFound();
        try
        {
            var (_, _, mail) = await preview.RenderAsync(source, lang, subscriber, cancellationToken);
            return PreviewPage.Result(HttpContext, mail);
        }
        catch (Exception e) when (e is ContentNotFoundException or ContentValidationException)
        {
            // The frame shows the sentence; the preview page around it says the same.
            return PreviewPage.Problem(HttpContext, e.Message, e is ContentNotFoundException ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity);
        }
    }
}
