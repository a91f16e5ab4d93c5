namespace CecopComms.Audience.Import;

/// <summary>
/// An organisation row that passed its checks. A null website leaves the stored one as it is. A repeated row names, with
/// the same details, an organisation an earlier row of the file has: it is counted, not written again.
/// </summary>
internal sealed record OrganisationRow(long Line, string Raw, string Name, string Key, string Country, string Category, string? Website, bool Repeated = false);
