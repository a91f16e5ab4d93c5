using System.Security.Claims;
using CecopComms.Audience;

namespace CecopComms.Web.Admin.Audiences;

/// <summary>The consent staff record when they put a person on a list in the admin area.</summary>
public static class StaffConsent
{
    /// <summary>Source "admin", the staff member as the channel, and the wording version; null when no wording was given.</summary>
    public static NewConsent? Of(ClaimsPrincipal user, string? wording) =>
        string.IsNullOrWhiteSpace(wording) ? null : new NewConsent("admin", user.Identity?.Name ?? "", wording.Trim());
}
