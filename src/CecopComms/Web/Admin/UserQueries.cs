namespace CecopComms.Web.Admin;

/// <summary>Named queries of Storage/Sql/{dialect}/users.sql.</summary>
public sealed class UserQueries
{
    public string InsertUser { get; set; } = "";
    public string GetUserByKey { get; set; } = "";
    public string ListUsers { get; set; } = "";
    public string ClaimLoginAttempt { get; set; } = "";
    public string RecordLogin { get; set; } = "";
    public string GetUserById { get; set; } = "";
    public string SetUserRole { get; set; } = "";
    public string SetUserPassword { get; set; } = "";
    public string LockUser { get; set; } = "";
    public string UnlockUser { get; set; } = "";
    public string EndSessions { get; set; } = "";
}
