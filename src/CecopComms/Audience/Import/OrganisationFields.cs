namespace CecopComms.Audience.Import;

/// <summary>The fields of an organisation file and the headers recognised for each without a column map.</summary>
internal static class OrganisationFields
{
    public const string Name = "name";
    public const string Country = "country";
    public const string Category = "category";
    public const string Website = "website";

    public static readonly IReadOnlyList<ImportField> All =
    [
        new(Name, true, "name", "organisation", "organization", "organisation name", "organization name", "member"),
        new(Country, true, "country", "country code"),
        new(Category, true, "category", "membership", "member category", "membership category", "member type"),
        new(Website, false, "website", "web site", "web", "url", "site"),
    ];
}
