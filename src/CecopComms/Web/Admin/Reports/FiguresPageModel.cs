using CecopComms.Audience.Import;
using CecopComms.Reach;
using CecopComms.Reach.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Admin.Reports;

/// <summary>
/// A reports page where staff keep figures from outside the engine (channel figures, past e-mail figures): everyone
/// reads; only editors and admins change them, by a form told after a redirect or an upload whose refused lines are shown.
/// </summary>
public abstract class FiguresPageModel : PageModel
{
    /// <summary>The CSV file an editor uploads.</summary>
    [BindProperty] public IFormFile? Upload { get; set; }

    /// <summary>Why the last change was refused, in a sentence.</summary>
    public string? Problem { get; protected set; }

    /// <summary>What the last upload did.</summary>
    public ChannelImportResult? Imported { get; private set; }

    /// <summary>The file name of the last upload.</summary>
    public string? ImportedFile { get; private set; }

    /// <summary>Who is changing the figures, as kept with each.</summary>
    protected string EnteredBy => User.Identity?.Name ?? "admin";

    /// <summary>The year and whole-number value of an entry form, as typed.</summary>
    /// <exception cref="ReachException">The year is missing, or the value is not a whole number without separators.</exception>
    protected static (int Year, long Value) YearAndValue(int? year, string? value, Microsoft.Extensions.Localization.IStringLocalizer localizer)
    {
        if (year is not { } y) throw new ReachException(localizer["The year is missing; give the year the figure is for, such as 2023."]);
        var text = (value ?? "").Trim();
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            throw new ReachException(localizer["The value '{0}' is not a whole number; write it without separators, such as 5573.", text]);
        return (y, number);
    }

    /// <summary>Reads what the page shows.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>An editor's change: done and told after a redirect, or refused with its reason on the page.</summary>
    protected async Task<IActionResult> ChangeAsync(Func<Task<string>> change, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return StatusCode(StatusCodes.Status403Forbidden);
        try
        {
            TempData["Message"] = await change();
            return RedirectToPage();
        }
        catch (ReachException e)
        {
            Problem = e.Message;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    /// <summary>An editor's upload, imported; the refused lines are shown on this response, not after a redirect: they are the point of the answer.</summary>
    protected async Task<IActionResult> ImportAsync(Func<Stream, string, Task<ChannelImportResult>> import, string noFile, CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return StatusCode(StatusCodes.Status403Forbidden);
        if (Upload is null || Upload.Length == 0) Problem = noFile;
        else
        {
            try
            {
                await using var upload = Upload.OpenReadStream();
                Imported = await import(upload, Upload.FileName);
                ImportedFile = Path.GetFileName(Upload.FileName);
            }
            catch (ImportException e)
            {
                Problem = e.Message;
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }
}
