using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages;

/// <summary>The one answer to every sign-up.</summary>
public sealed class SubscribeSentModel : PageModel
{
    public void OnGet() { }
}
