namespace CecopComms.Web.Admin;

/// <summary>A staff account of the admin pages (table users).</summary>
public sealed record User
{
    public long Id { get; init; }
    public string Email { get; init; } = "";
    public string EmailKey { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>admin, editor or viewer.</summary>
    public string Role { get; init; } = "viewer";
    [System.Text.Json.Serialization.JsonIgnore] public string PasswordHash { get; init; } = "";
    [System.Text.Json.Serialization.JsonIgnore] public string PasswordSalt { get; init; } = "";
    [System.Text.Json.Serialization.JsonIgnore] public int PasswordIterations { get; init; }
    public int FailedLogins { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset? LastLoginAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
