using CecopComms.Content;
using CecopComms.Content.Campaigns;
using CecopComms.Content.Editions;
using CecopComms.Content.Publications;

namespace CecopComms.Web.Admin.Sending;

/// <summary>What the sending form offers: editions and campaign mailings still in draft, and the publications a recurring schedule can follow.</summary>
public sealed class SendingChoices(EditionStore editions, CampaignStore campaigns, PublicationStore publications)
{
    /// <summary>Draft editions (newest first), then each campaign's draft mailings in planned order.</summary>
    public async Task<IReadOnlyList<DraftChoice>> DraftsAsync(CancellationToken cancellationToken)
    {
        var choices = (await editions.ListAsync(null, cancellationToken))
            .Where(e => e.State == ContentState.Draft)
            .OrderByDescending(e => e.Year).ThenByDescending(e => e.Number).ThenByDescending(e => e.Id)
            .Select(e => new DraftChoice(new MailingSource(MailingSourceKind.Edition, e.Id), $"{e.Title} (edition {e.Id})", "Editions"))
            .ToList();
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
            choices.AddRange((await campaigns.MailingsAsync(campaign, cancellationToken))
                .Where(m => m.State == ContentState.Draft)
                .OrderBy(m => m.PlannedAt)
                .Select(m => new DraftChoice(new MailingSource(MailingSourceKind.CampaignMailing, m.Id),
                    $"{m.Title} (planned {m.PlannedAt:yyyy-MM-dd}, campaign mailing {m.Id})", $"Campaign {campaign.Name}")));
        return choices;
    }

    /// <summary>Publications, for a recurring schedule of their next draft edition.</summary>
    public Task<IReadOnlyList<Publication>> PublicationsAsync(CancellationToken cancellationToken) => publications.ListAsync(cancellationToken);
}
