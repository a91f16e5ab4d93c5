using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages;

/// <summary>The site's root sends visitors to the sign-up form.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/subscribe");
}
