namespace CecopComms.Audience;

/// <summary>Reads and writes <see cref="MemberCategory"/> the way people and the database spell it.</summary>
public static class MemberCategories
{
    public const string Accepted = "full member, associated member or network affiliate";

    // The ways members' own spreadsheets and staff write the three categories.
    private static readonly Dictionary<string, MemberCategory> Spellings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["full"] = MemberCategory.Full, ["full member"] = MemberCategory.Full, ["member"] = MemberCategory.Full,
        ["associated"] = MemberCategory.Associated, ["associated member"] = MemberCategory.Associated,
        ["associate"] = MemberCategory.Associated, ["associate member"] = MemberCategory.Associated,
        ["affiliate"] = MemberCategory.Affiliate, ["network affiliate"] = MemberCategory.Affiliate,
        ["affiliated"] = MemberCategory.Affiliate, ["affiliate member"] = MemberCategory.Affiliate,
    };

    /// <summary>Accepts "full", "Full member", "associated", "associate member", "affiliate", "network affiliate", … (spaces folded).</summary>
    public static bool TryParse(string? text, out MemberCategory category) =>
        Spellings.TryGetValue(string.Join(' ', (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), out category);

    /// <summary>The stored form: 'full', 'associated', 'affiliate'.</summary>
    public static string ToDb(this MemberCategory category) => category.ToString().ToLowerInvariant();

    /// <summary>What people call it: "full member", "associated member", "network affiliate".</summary>
    public static string Label(this MemberCategory category) => category switch
    {
        MemberCategory.Full => "full member",
        MemberCategory.Associated => "associated member",
        _ => "network affiliate",
    };
}
