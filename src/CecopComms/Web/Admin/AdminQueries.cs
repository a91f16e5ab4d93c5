namespace CecopComms.Web.Admin;

/// <summary>Named queries of Storage/Sql/{dialect}/admin.sql.</summary>
public sealed class AdminQueries
{
    public string MailingsInProgress { get; set; } = "";
}
