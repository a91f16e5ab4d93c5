namespace CecopComms.Audience;

/// <summary>Named queries of Storage/Sql/{dialect}/organisations.sql.</summary>
public sealed class OrganisationQueries
{
    public string InsertOrganisation { get; set; } = "";
    public string FindOrganisation { get; set; } = "";
    public string OrganisationById { get; set; } = "";
    public string ListOrganisations { get; set; } = "";
    public string UpdateOrganisation { get; set; } = "";
    public string UnlinkContacts { get; set; } = "";
    public string DeleteOrganisation { get; set; } = "";
}
