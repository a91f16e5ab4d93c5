using CecopComms.Content.Campaigns;
using CecopComms.Content.Editions;
using CecopComms.Content.Publications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin.Content;

/// <summary>/admin/content: the publications, their editions newest first, and the campaigns (what `publications list`, `editions list` and `campaigns list` show).</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ContentIndexModel(PublicationStore publications, EditionStore editions, CampaignStore campaigns) : PageModel
{
    public IReadOnlyList<Publication> Publications { get; private set; } = [];
    public IReadOnlyList<Edition> Editions { get; private set; } = [];
    public IReadOnlyList<Campaign> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Publications = await publications.ListAsync(cancellationToken);
        Editions = (await editions.ListAsync(null, cancellationToken))
            .OrderByDescending(e => e.IssueDate, StringComparer.Ordinal).ThenByDescending(e => e.Id).ToList();
        Campaigns = (await campaigns.ListAsync(cancellationToken)).OrderByDescending(c => c.StartsOn, StringComparer.Ordinal).ToList();
    }

    /// <summary>The latest edition of a publication, for its numbering column.</summary>
    public Edition? Latest(Publication publication) =>
        Editions.Where(e => e.PublicationSlug == publication.Slug).OrderByDescending(e => e.Year).ThenByDescending(e => e.Number).FirstOrDefault();
}
