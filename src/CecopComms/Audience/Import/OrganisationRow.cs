namespace CecopComms.Audience.Import;

/// <summary>An organisation row that passed its checks. A null website leaves the stored one as it is.</summary>
internal sealed record OrganisationRow(long Line, string Raw, string Name, string Key, string Country, string Category, string? Website);
