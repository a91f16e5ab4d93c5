using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages;

/// <summary>The page shown for an error response with no body of its own; the status code stays the original one.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    // A POST that failed (a forged token, a missing form token) is re-executed with its own method.
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            400 => ("This link or form is not valid",
                "The link may have been cut or changed, or the form was sent without its security field. Nothing was changed. Open the link from the e-mail again, or reload the form."),
            403 => ("Your role does not allow this",
                "Viewers can see everything in the admin area but change nothing. Ask an administrator to give you the editor role if you need to make this change. Nothing was changed."),
            404 => ("Page not found", "There is no page at this address."),
            429 => ("Too many requests",
                "Too many requests came from your network in the last minute. Please wait a minute and try again."),
            _ => ("Something went wrong", "The request could not be completed. Please try again later."),
        };
    }
}
