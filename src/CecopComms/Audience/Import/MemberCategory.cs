namespace CecopComms.Audience.Import;

/// <summary>CECOP's membership categories as stored (full, associated, affiliate) and the ways files write them.</summary>
internal static class MemberCategory
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["full member"] = "full", ["full"] = "full", ["member"] = "full",
        ["associated member"] = "associated", ["associated"] = "associated", ["associate member"] = "associated", ["associate"] = "associated",
        ["network affiliate"] = "affiliate", ["affiliate"] = "affiliate", ["affiliated"] = "affiliate", ["affiliate member"] = "affiliate",
    };

    public const string Expected = "full member, associated member or network affiliate";

    public static bool TryNormalise(string text, out string? category) =>
        Known.TryGetValue(string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), out category);
}
