using CecopComms.Content;
using CecopComms.Content.Campaigns;
using CecopComms.Content.Editions;
using CecopComms.Content.Publications;
using CecopComms.Delivery;
using CecopComms.Scheduling;

namespace CecopComms.Web.Admin.Sending;

/// <summary>
/// What the sending form offers: every edition and campaign mailing that can go out now. That is a draft, one whose
/// mailing was cancelled, and one left marked scheduled or sending with nothing behind it any more (no active schedule,
/// no mailing but cancelled ones). A piece with a live or finished mailing, or an active schedule, is not offered: an
/// edition is sent once. Also the publications a recurring schedule can follow.
/// </summary>
public sealed class SendingChoices(EditionStore editions, CampaignStore campaigns, PublicationStore publications, MailingStore mailings, ScheduleStore schedules)
{
    /// <summary>Sendable editions (newest first), then each campaign's sendable mailings in planned order.</summary>
    public async Task<IReadOnlyList<DraftChoice>> DraftsAsync(CancellationToken cancellationToken)
    {
        var live = await mailings.SourcesWithLiveMailingAsync(cancellationToken);
        var scheduled = (await schedules.ListAsync(ScheduleStatus.Active, cancellationToken)).Select(s => s.Source).OfType<string>().ToHashSet(StringComparer.Ordinal);
        bool Sendable(MailingSource source, ContentState state) => state switch
        {
            ContentState.Draft => true,
            ContentState.Sent => false,
            _ => !live.Contains(source.ToString()) && !scheduled.Contains(source.ToString()),
        };
        var choices = (await editions.ListAsync(null, cancellationToken))
            .Select(e => (Edition: e, Source: new MailingSource(MailingSourceKind.Edition, e.Id)))
            .Where(e => Sendable(e.Source, e.Edition.State))
            .OrderByDescending(e => e.Edition.Year).ThenByDescending(e => e.Edition.Number).ThenByDescending(e => e.Edition.Id)
            .Select(e => new DraftChoice(e.Source, $"{e.Edition.Title} (edition {e.Edition.Id}{Note(e.Edition.State)})", "Editions"))
            .ToList();
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
            choices.AddRange((await campaigns.MailingsAsync(campaign, cancellationToken))
                .Select(m => (Mailing: m, Source: new MailingSource(MailingSourceKind.CampaignMailing, m.Id)))
                .Where(m => Sendable(m.Source, m.Mailing.State))
                .OrderBy(m => m.Mailing.PlannedAt)
                .Select(m => new DraftChoice(m.Source,
                    $"{m.Mailing.Title} (planned {m.Mailing.PlannedAt:yyyy-MM-dd}, campaign mailing {m.Mailing.Id}{Note(m.Mailing.State)})", $"Campaign {campaign.Name}")));
        return choices;
    }

    /// <summary>"Title (edition 12)" for every edition and campaign mailing, by source ("edition:12"): schedules and messages name what they send.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TitlesAsync(CancellationToken cancellationToken)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in await editions.ListAsync(null, cancellationToken))
            titles[new MailingSource(MailingSourceKind.Edition, e.Id).ToString()] = $"{e.Title} (edition {e.Id})";
        foreach (var campaign in await campaigns.ListAsync(cancellationToken))
            foreach (var m in await campaigns.MailingsAsync(campaign, cancellationToken))
                titles[new MailingSource(MailingSourceKind.CampaignMailing, m.Id).ToString()] = $"{m.Title} ({campaign.Name}, campaign mailing {m.Id})";
        return titles;
    }

    /// <summary>Publications, for a recurring schedule of their next draft edition.</summary>
    public Task<IReadOnlyList<Publication>> PublicationsAsync(CancellationToken cancellationToken) => publications.ListAsync(cancellationToken);

    private static string Note(ContentState state) => state == ContentState.Cancelled ? ", its last mailing was cancelled" : "";
}
