using System.Security.Claims;
using CecopComms.Web.Archive;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Members.Archive;

/// <summary>The members' archive (CECOP Link): only with the member cookie; without it the reader is sent to the login form.</summary>
[Authorize(Policy = MemberAuthentication.Policy)]
public sealed class MembersArchiveModel(ArchiveStore archive) : PageModel
{
    public IReadOnlyList<ArchivedEdition> Editions { get; private set; } = [];

    public string MemberName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-store";
        MemberName = User.FindFirst(ClaimTypes.Name)?.Value is { Length: > 0 } name ? name : "a member contact";
        Editions = await archive.ListAsync(ArchiveAccess.Members, cancellationToken);
    }
}
