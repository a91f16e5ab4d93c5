namespace CecopComms.Web.Archive;

/// <summary>A contact person of a member organisation who may read the members' archive.</summary>
public sealed record MemberContact
{
    public long Id { get; init; }
    /// <summary>The public identity kept in the login cookie and the magic link, never the e-mail.</summary>
    public string Uuid { get; init; } = "";
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    public string Language { get; init; } = "en";
    public string OrganisationName { get; init; } = "";
}
