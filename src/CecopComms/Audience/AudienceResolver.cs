using CecopComms.Audience.Segments;

namespace CecopComms.Audience;

/// <summary>
/// Finds who a mailing goes to from "list:SLUG", "segment:SLUG" or a bare slug (a list or a segment; refused when both
/// exist). Everything that sends resolves its audience here.
/// </summary>
public sealed class AudienceResolver(ListStore lists, SegmentStore segments)
{
    /// <exception cref="AudienceException">Nothing, or more than one thing, goes by that reference.</exception>
    public async Task<ResolvedAudience> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var text = reference.Trim();
        var colon = text.IndexOf(':');
        var kind = colon < 0 ? null : text[..colon].Trim().ToLowerInvariant();
        var slug = colon < 0 ? text : text[(colon + 1)..].Trim();
        switch (kind)
        {
            case "list":
                return FromList(await lists.GetAsync(slug, cancellationToken));
            case "segment":
                return FromSegment(await segments.GetAsync(slug, cancellationToken));
            case null:
                var list = await lists.FindAsync(slug, cancellationToken);
                var segment = await segments.FindAsync(slug, cancellationToken);
                if (list is not null && segment is not null)
                    throw new AudienceException($"'{slug}' is both a list and a segment: write list:{slug} or segment:{slug}.");
                if (list is not null) return FromList(list);
                if (segment is not null) return FromSegment(segment);
                throw new AudienceException($"There is no list or segment '{slug}'.");
            default:
                throw new AudienceException($"'{reference}' is not an audience: write list:SLUG, segment:SLUG or a bare slug.");
        }
    }

    /// <summary>
    /// Who content addressed to <paramref name="ownReference"/> reaches now when sent to <paramref name="chosenReference"/>
    /// (its own audience when null): the people of its own audience whom the chosen one also holds. Whether the
    /// members-only rule holds is for the caller to check (<see cref="ContentAudience.KeepingMembersOnly"/>): a form
    /// shows the refusal, a send throws it.
    /// </summary>
    /// <exception cref="AudienceException">Either reference names nothing, or more than one thing.</exception>
    public async Task<ContentAudience> ForContentAsync(string ownReference, string? chosenReference, CancellationToken cancellationToken)
    {
        var own = await ResolveAsync(ownReference, cancellationToken);
        var ownRecipients = await RecipientsAsync(own, cancellationToken);
        if (string.IsNullOrWhiteSpace(chosenReference)) return new ContentAudience(own, ownRecipients, own.MembersOnly, ownRecipients);
        var chosen = await ResolveAsync(chosenReference, cancellationToken);
        var reach = await RecipientsAsync(chosen, cancellationToken);
        var held = reach.Select(r => r.Id).ToHashSet();
        return new ContentAudience(chosen, ownRecipients.Where(r => held.Contains(r.Id)).ToList(), own.MembersOnly, reach);
    }

    /// <summary>The people a mailing to the audience reaches now, in id order.</summary>
    public Task<IReadOnlyList<Recipient>> RecipientsAsync(ResolvedAudience audience, CancellationToken cancellationToken) =>
        audience.List is { } list
            ? lists.RecipientsAsync(list, cancellationToken)
            : segments.RecipientsAsync(SegmentFilter.FromJson(audience.Segment!.Filter), cancellationToken);

    /// <summary>Every subscriber of the audience with their details, for export (a list's includes every subscription status).</summary>
    public Task<IReadOnlyList<ExportRow>> ExportRowsAsync(ResolvedAudience audience, CancellationToken cancellationToken) =>
        audience.List is { } list
            ? lists.ExportRowsAsync(list, cancellationToken)
            : segments.ExportRowsAsync(SegmentFilter.FromJson(audience.Segment!.Filter), cancellationToken);

    private static ResolvedAudience FromList(MailingList list) => new("list", list.Slug, list.Name, list, null);

    private static ResolvedAudience FromSegment(Segment segment) => new("segment", segment.Slug, segment.Name, null, segment);
}
