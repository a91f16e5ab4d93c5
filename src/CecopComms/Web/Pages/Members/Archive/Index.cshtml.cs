using System.Security.Claims;
using CecopComms.Web.Archive;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Members.Archive;

/// <summary>The members' archive (CECOP Link): only with the member cookie; without it the reader is sent to the login form.</summary>
[Authorize(Policy = MemberAuthentication.Policy)]
public sealed class MembersArchiveModel(ArchiveStore archive, ArchiveSubjects subjects) : PageModel
{
    public IReadOnlyList<ArchivedEdition> Editions { get; private set; } = [];

    /// <summary>The member's name, else null (the page says "a member contact" in its language).</summary>
    public string? MemberName { get; private set; }

    /// <summary>Each edition's subject in the page's language, by edition id.</summary>
    public IReadOnlyDictionary<long, string> Subjects { get; private set; } = new Dictionary<long, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-store";
        MemberName = User.FindFirst(ClaimTypes.Name)?.Value is { Length: > 0 } name ? name : null;
        Editions = await archive.ListAsync(ArchiveAccess.Members, cancellationToken);
        Subjects = await subjects.InAsync(Editions, System.Globalization.CultureInfo.CurrentUICulture.Name, cancellationToken);
    }
}
