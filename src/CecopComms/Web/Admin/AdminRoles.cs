using System.Security.Claims;

namespace CecopComms.Web.Admin;

/// <summary>
/// What each staff role may do in the admin area: viewers read everything, editors also change audiences, content and
/// sending, admins also manage staff accounts. Pages are behind <see cref="WebApp.AdminPolicy"/>; every handler that
/// changes something checks <see cref="CanEdit"/> (Razor Pages authorise pages, not handlers).
/// </summary>
public static class AdminRoles
{
    /// <summary>Roles that may change audiences, content and sending.</summary>
    public static readonly string[] Editors = ["admin", "editor"];

    /// <summary>Roles that may manage staff accounts.</summary>
    public static readonly string[] Administrators = ["admin"];

    /// <summary>Whether the signed-in user may change audiences, content and sending.</summary>
    public static bool CanEdit(this ClaimsPrincipal user) => Editors.Any(user.IsInRole);

    /// <summary>Whether the signed-in user may manage staff accounts.</summary>
    public static bool CanAdminister(this ClaimsPrincipal user) => Administrators.Any(user.IsInRole);
}
