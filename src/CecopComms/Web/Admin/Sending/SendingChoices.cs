using CecopComms.Content;
using CecopComms.Content.Campaigns;
using CecopComms.Content.Editions;
using CecopComms.Content.Publications;

namespace CecopComms.Web.Admin.Sending;

/// <summary>
/// What the sending form offers: every edition and campaign mailing that can go out now. That is a draft, one whose
/// mailing was cancelled, and one left marked scheduled or sending with nothing behind it any more (no active schedule,
/// no mailing but cancelled ones). A piece with a live or finished mailing, or an active schedule, is not offered: an
/// edition is sent once. Also the publications a recurring schedule can follow, and the segments a send can go to.
/// </summary>
public sealed class SendingChoices(EditionStore editions, CampaignStore campaigns, PublicationStore publications, Scheduling.SchedulePlanner planner,
    Audience.Segments.SegmentStore segments)
{
    /// <summary>
    /// In one pass over the editions and campaign mailings: the sendable ones (editions newest first, then each
    /// campaign's in planned order) and "Title (edition 12)" for every one, by source ("edition:12"), so schedules and
    /// messages name what they send.
    /// </summary>
    public async Task<SendingCatalogue> CatalogueAsync(CancellationToken cancellationToken)
    {
        var held = await planner.HeldSourcesAsync(cancellationToken);
        bool Sendable(MailingSource source, ContentState state) => state switch
        {
            ContentState.Draft => true,
            ContentState.Sent => false,
            _ => !held.Contains(source.ToString()),
        };
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = (await editions.ListAsync(null, cancellationToken))
            .Select(e => (Edition: e, Source: new MailingSource(MailingSourceKind.Edition, e.Id)))
            .ToList();
        foreach (var (edition, source) in all) titles[source.ToString()] = $"{edition.Title} (edition {edition.Id})";
        var choices = all
            .Where(e => Sendable(e.Source, e.Edition.State))
            .OrderByDescending(e => e.Edition.Year).ThenByDescending(e => e.Edition.Number).ThenByDescending(e => e.Edition.Id)
            .Select(e => new DraftChoice(e.Source, $"{e.Edition.Title} (edition {e.Edition.Id}{Note(e.Edition.State)})", "Editions"))
            .ToList();
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
        {
            var mailings = (await campaigns.MailingsAsync(campaign, cancellationToken))
                .Select(m => (Mailing: m, Source: new MailingSource(MailingSourceKind.CampaignMailing, m.Id)))
                .ToList();
            foreach (var (mailing, source) in mailings) titles[source.ToString()] = $"{mailing.Title} ({campaign.Name}, campaign mailing {mailing.Id})";
            choices.AddRange(mailings
                .Where(m => Sendable(m.Source, m.Mailing.State))
                .OrderBy(m => m.Mailing.PlannedAt)
                .Select(m => new DraftChoice(m.Source,
                    $"{m.Mailing.Title} (planned {m.Mailing.PlannedAt:yyyy-MM-dd}, campaign mailing {m.Mailing.Id}{Note(m.Mailing.State)})", $"Campaign {campaign.Name}")));
        }
        return new SendingCatalogue(choices, titles);
    }

    /// <summary>Publications, for a recurring schedule of their next draft edition.</summary>
    public Task<IReadOnlyList<Publication>> PublicationsAsync(CancellationToken cancellationToken) => publications.ListAsync(cancellationToken);

    /// <summary>Segments, by slug, for a send now to one of them instead of the content's own audience.</summary>
    public Task<IReadOnlyList<Audience.Segments.Segment>> SegmentsAsync(CancellationToken cancellationToken) => segments.ListAsync(cancellationToken);

    private static string Note(ContentState state) => state == ContentState.Cancelled ? ", its last mailing was cancelled" : "";
}
