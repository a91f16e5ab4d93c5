namespace CecopComms.Audience;

/// <summary>
/// Who a piece of content goes to, resolved now: its own audience, or the part of it that a segment chosen for this
/// send also holds. A segment narrows the audience and never widens it: the people reached are still only those who
/// are on the content's own list with a confirmed subscription, so an unsubscribe or an unconfirmed sign-up holds.
/// </summary>
/// <param name="Audience">The list or segment it goes to.</param>
/// <param name="Recipients">The people it reaches now, in id order.</param>
/// <param name="MembersOnly">The content's own audience is members-only, so a chosen segment must hold members' contacts only.</param>
/// <param name="Reach">Everyone the chosen audience itself holds now (the recipients when none was chosen).</param>
public sealed record ContentAudience(ResolvedAudience Audience, IReadOnlyList<Recipient> Recipients, bool MembersOnly, IReadOnlyList<Recipient> Reach)
{
    /// <summary>
    /// How many people the chosen audience holds who are not contacts of a member organisation, when the rule applies:
    /// a segment reaching them is refused for members-only content, even though they would not receive it.
    /// </summary>
    public int NonMembers => MembersOnly ? Reach.Count(r => r.OrganisationId is null) : 0;

    /// <summary>Returns this audience when it keeps the members-only rule.</summary>
    /// <exception cref="MembersOnlyException">It reaches someone who is not a member's contact.</exception>
    public ContentAudience KeepingMembersOnly() =>
        NonMembers is var count and > 0 ? throw new MembersOnlyException(Audience.Name, count) : this;
}
