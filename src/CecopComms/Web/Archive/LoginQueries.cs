namespace CecopComms.Web.Archive;

/// <summary>Named queries of Storage/Sql/{dialect}/logins.sql.</summary>
public sealed class LoginQueries
{
    public string MemberContactByEmail { get; set; } = "";
    public string MemberContactByUuid { get; set; } = "";
    public string UseLoginToken { get; set; } = "";
    public string LoginTokenUsed { get; set; } = "";
    public string DeleteExpiredLoginTokens { get; set; } = "";
}
