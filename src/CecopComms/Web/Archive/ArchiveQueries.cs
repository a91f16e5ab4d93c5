namespace CecopComms.Web.Archive;

/// <summary>Named queries of Storage/Sql/{dialect}/archive.sql.</summary>
public sealed class ArchiveQueries
{
    public string ArchivedEditions { get; set; } = "";
}
