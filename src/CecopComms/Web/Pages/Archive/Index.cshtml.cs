using CecopComms.Web.Archive;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Archive;

/// <summary>The public archive: every sent edition of the public newsletter, newest first.</summary>
public sealed class ArchiveIndexModel(ArchiveStore archive, ArchiveSubjects subjects) : PageModel
{
    public IReadOnlyList<ArchivedEdition> Editions { get; private set; } = [];

    /// <summary>Each edition's subject in the page's language, by edition id.</summary>
    public IReadOnlyDictionary<long, string> Subjects { get; private set; } = new Dictionary<long, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Editions = await archive.ListAsync(ArchiveAccess.Public, cancellationToken);
        Subjects = await subjects.InAsync(Editions, System.Globalization.CultureInfo.CurrentUICulture.Name, cancellationToken);
    }
}
