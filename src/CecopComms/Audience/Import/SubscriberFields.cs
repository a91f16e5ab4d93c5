namespace CecopComms.Audience.Import;

/// <summary>The fields of a subscriber file and the headers recognised for each without a column map.</summary>
internal static class SubscriberFields
{
    public const string Email = "email";
    public const string Name = "name";
    public const string Language = "language";
    public const string Organisation = "organisation";
    public const string Consent = "consent";
    public const string Wording = "wording";

    public static readonly IReadOnlyList<ImportField> All =
    [
        new(Email, true, "email", "e-mail", "mail", "email address", "e-mail address"),
        new(Name, false, "name", "full name", "contact name", "contact person"),
        new(Language, false, "language", "lang", "locale", "preferred language"),
        new(Organisation, false, "organisation", "organization", "organisation name", "organization name", "member organisation", "member"),
        new(Consent, false, "consent", "consent given", "opt-in", "opted in"),
        new(Wording, false, "wording", "consent wording", "wording version", "consent version"),
    ];
}
