namespace CecopComms.Audience;

/// <summary>A record that a person agreed to receive mail: how, from where, under which wording, and when.</summary>
public sealed record Consent
{
    public long Id { get; init; }
    public string? ListSlug { get; init; }
    /// <summary>import, form, admin, cli.</summary>
    public string Source { get; init; } = "";
    /// <summary>IP address, file name or user; cleared on erasure.</summary>
    public string Channel { get; init; } = "";
    public string WordingVersion { get; init; } = "";
    public DateTimeOffset GivenAt { get; init; }
    public DateTimeOffset? WithdrawnAt { get; init; }
}
