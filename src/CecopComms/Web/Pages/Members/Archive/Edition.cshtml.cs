using CecopComms.Web.Archive;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Members.Archive;

/// <summary>One edition of the members' archive as its web version; only with the member cookie.</summary>
[Authorize(Policy = MemberAuthentication.Policy)]
public sealed class MembersEditionModel(ArchiveStore archive, EditionWebVersion web) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string publication, int year, int number, string? lang, CancellationToken cancellationToken)
    {
        var edition = await archive.FindAsync(ArchiveAccess.Members, publication, year, number, cancellationToken);
        if (edition is null) return NotFound();
        return EditionPage.Result(HttpContext, await web.RenderAsync(edition, string.IsNullOrWhiteSpace(lang) ? System.Globalization.CultureInfo.CurrentUICulture.Name : lang, "/members/archive", cancellationToken), ArchiveAccess.Members);
    }
}
