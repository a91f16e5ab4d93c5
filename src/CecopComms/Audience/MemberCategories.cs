namespace CecopComms.Audience;

/// <summary>Reads and writes <see cref="MemberCategory"/> the way people and the database spell it.</summary>
public static class MemberCategories
{
    public const string Accepted = "full, associated or affiliate (also \"full member\", \"associated member\", \"network affiliate\")";

    /// <summary>Accepts "full", "Full member", "associated", "associated member", "affiliate", "network affiliate".</summary>
    public static bool TryParse(string? text, out MemberCategory category)
    {
        category = default;
        var key = (text ?? "").Trim().ToLowerInvariant();
        MemberCategory? found = key switch
        {
            "full" or "full member" => MemberCategory.Full,
            "associated" or "associated member" => MemberCategory.Associated,
            "affiliate" or "network affiliate" => MemberCategory.Affiliate,
            _ => null,
        };
        if (found is null) return false;
        category = found.Value;
        return true;
    }

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
