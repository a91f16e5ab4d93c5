namespace CecopComms.Audience;

/// <summary>Named queries of Storage/Sql/{dialect}/lists.sql.</summary>
public sealed class ListQueries
{
    public string InsertList { get; set; } = "";
    public string ListLists { get; set; } = "";
    public string ListRecipients { get; set; } = "";
    public string ListExportRows { get; set; } = "";
    public string UpdateList { get; set; } = "";
    public string ListUses { get; set; } = "";
    public string DeleteList { get; set; } = "";
}
