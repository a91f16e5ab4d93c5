namespace CecopComms.Content.Editions;

/// <summary>Named queries of Storage/Sql/{dialect}/editions.sql.</summary>
public sealed class EditionQueries
{
    public string InsertEdition { get; set; } = "";
    public string UpdateEditionSource { get; set; } = "";
    public string GetEdition { get; set; } = "";
    public string FindEditionByNumber { get; set; } = "";
    public string ListEditions { get; set; } = "";
    public string SetEditionState { get; set; } = "";
}
