using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages;

/// <summary>The page shown for an error response with no body of its own; the status code stays the original one.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>The key of the page's title: error.400.title, error.403.title, error.404.title, error.429.title or error.other.title.</summary>
    public string Title { get; private set; } = "";

    /// <summary>The key of its explanation: error.400.body … error.other.body.</summary>
    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    // A POST that failed (a forged token, a missing form token) is re-executed with its own method.
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            400 => ("error.400.title", "error.400.body"),
            403 => ("error.403.title", "error.403.body"),
            404 => ("error.404.title", "error.404.body"),
            429 => ("error.429.title", "error.429.body"),
            _ => ("error.other.title", "error.other.body"),
        };
    }
}
