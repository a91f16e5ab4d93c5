namespace CecopComms.Content.Publications;

/// <summary>Named queries of Storage/Sql/{dialect}/publications.sql.</summary>
public sealed class PublicationQueries
{
    public string ListPublications { get; set; } = "";
    public string GetPublication { get; set; } = "";
}
