namespace CecopComms.Audience;

/// <summary>One person a mailing goes to, with what rendering needs.</summary>
public sealed record Recipient
{
    public long Id { get; init; }
    public string Uuid { get; init; } = "";
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    public string Language { get; init; } = "en";
    /// <summary>The member organisation whose contact they are; null for someone who is not a member's contact.</summary>
    public long? OrganisationId { get; init; }
}
