namespace CecopComms.Hosting.Settings;

/// <summary>One section of the settings kept in the database: its values as JSON, and who saved them when.</summary>
public sealed record StoredSection
{
    public string Section { get; init; } = "";
    public string Value { get; init; } = "{}";
    public DateTimeOffset UpdatedAt { get; init; }
    public string UpdatedBy { get; init; } = "";
}
