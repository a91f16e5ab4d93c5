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
    /// <summary>Changes whenever the account's sessions must end (sign-out, new role, new password, lock); the sign-in cookie carries it.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public string SecurityStamp { get; init; } = "";
    /// <summary>Failed sign-ins since the last success, over every address (staff_login_failures).</summary>
    public int FailedLogins { get; init; }
    /// <summary>The latest lockout against any address after too many failed sign-ins; other addresses can still sign in.</summary>
    public DateTimeOffset? LockedUntil { get; init; }
    /// <summary>When an admin locked the account; until unlocked it cannot sign in from anywhere.</summary>
    public DateTimeOffset? LockedAt { get; init; }
    public DateTimeOffset? LastLoginAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
