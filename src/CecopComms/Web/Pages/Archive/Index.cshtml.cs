using CecopComms.Web.Archive;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Archive;

/// <summary>The public archive: every sent edition of the public newsletter, newest first.</summary>
public sealed class ArchiveIndexModel(ArchiveStore archive) : PageModel
{
    public IReadOnlyList<ArchivedEdition> Editions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Editions = await archive.ListAsync(ArchiveAccess.Public, cancellationToken);
}
