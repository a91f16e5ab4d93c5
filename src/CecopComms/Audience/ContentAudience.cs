namespace CecopComms.Audience;

/// <summary>Who a piece of content goes to, resolved now: its own audience or the one chosen for this send.</summary>
/// <param name="Audience">The list or segment it goes to.</param>
/// <param name="Recipients">The people it reaches now, in id order.</param>
/// <param name="MembersOnly">The content's own audience is members-only, so every recipient must be a member's contact.</param>
public sealed record ContentAudience(ResolvedAudience Audience, IReadOnlyList<Recipient> Recipients, bool MembersOnly)
{
    /// <summary>How many recipients break the members-only rule: those who are not contacts of a member organisation, when it applies.</summary>
    public int NonMembers => MembersOnly ? Recipients.Count(r => r.OrganisationId is null) : 0;

    /// <summary>Returns this audience when it keeps the members-only rule.</summary>
    /// <exception cref="MembersOnlyException">It reaches someone who is not a member's contact.</exception>
    public ContentAudience KeepingMembersOnly() =>
        NonMembers is var count and > 0 ? throw new MembersOnlyException(Audience.Name, count) : this;
}
