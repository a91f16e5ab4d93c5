using CecopComms.Web.Archive;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Archive;

/// <summary>
/// One edition of the public archive as its web version (?lang=fr for a variant). An edition of a members-only
/// publication is not found here, whatever its address.
/// </summary>
public sealed class ArchiveEditionModel(ArchiveStore archive, EditionWebVersion web) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string publication, int year, int number, string? lang, CancellationToken cancellationToken)
    {
        var edition = await archive.FindAsync(ArchiveAccess.Public, publication, year, number, cancellationToken);
        if (edition is null) return NotFound();
        return EditionPage.Result(HttpContext, await web.RenderAsync(edition, string.IsNullOrWhiteSpace(lang) ? System.Globalization.CultureInfo.CurrentUICulture.Name : lang, "/archive", cancellationToken), ArchiveAccess.Public);
    }
}
