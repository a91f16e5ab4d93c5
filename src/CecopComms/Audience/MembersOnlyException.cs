namespace CecopComms.Audience;

/// <summary>
/// Content meant for members only (its own audience is a members-only list, as CECOP Link's is) was to go to an audience
/// that also reaches people who are not contacts of a member organisation.
/// </summary>
/// <param name="audienceName">The chosen list's or segment's name.</param>
/// <param name="nonMembers">How many of its recipients are not contacts of a member organisation.</param>
public sealed class MembersOnlyException(string audienceName, int nonMembers) : AudienceException(
    $"This content is for members only, and {audienceName} reaches {(nonMembers == 1 ? "one person who is not a contact" : $"{nonMembers:N0} people who are not contacts")} of a member organisation: choose an audience of members' contacts only.")
{
    /// <summary>The chosen list's or segment's name.</summary>
    public string AudienceName { get; } = audienceName;

    /// <summary>How many of its recipients are not contacts of a member organisation.</summary>
    public int NonMembers { get; } = nonMembers;
}
