namespace CecopComms.Web.Admin.Audiences;

/// <summary>The fields of the organisation forms, as typed; OrganisationStore checks them.</summary>
public sealed class OrganisationForm
{
    public string Name { get; set; } = "";
    public string Country { get; set; } = "";
    /// <summary>full, associated or affiliate.</summary>
    public string Category { get; set; } = "full";
    public string? Website { get; set; }
}
