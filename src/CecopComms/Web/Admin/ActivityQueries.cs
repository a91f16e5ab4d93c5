namespace CecopComms.Web.Admin;

/// <summary>Named queries of Storage/Sql/{dialect}/activity.sql.</summary>
public sealed class ActivityQueries
{
    public string InsertActivity { get; set; } = "";
    public string ListActivity { get; set; } = "";
    public string ActivityActors { get; set; } = "";
}
