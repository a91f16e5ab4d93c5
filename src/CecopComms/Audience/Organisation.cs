using System.Text;

namespace CecopComms.Audience;

/// <summary>A member organisation of CECOP; its contacts are the subscribers whose organisation_id points here.</summary>
public sealed record Organisation
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string Country { get; init; } = "";
    public MemberCategory Category { get; init; }
    public string? Website { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>How many subscribers are its contacts.</summary>
    public long ContactCount { get; init; }

    /// <summary>The form organisations.name_key holds: trimmed, NFC, lower-cased (the import computes the same).</summary>
    public static string KeyOf(string name) => name.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
}
