using CecopComms.Audience;
using CecopComms.Web.Archive;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CecopComms.Web.Pages.Members;

/// <summary>
/// The login form of the members' archive: an address in, a magic link out when it is a member contact's. The answer
/// is the same for every well-formed address, so the form does not tell who is a member.
/// </summary>
[EnableRateLimiting(MailOnRequestRateLimitPolicy.MemberLogin)]
public sealed class MemberLoginModel(MemberLogin login) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public string? Error { get; private set; }

    public int Minutes => (int)MemberLoginToken.Lifetime.TotalMinutes;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalise(Email, out _, out _))
        {
            Error = "form.email_invalid";
            return Page();
        }
        await login.RequestAsync(Email, cancellationToken);
        Sent = true;
        return Page();
    }
}
