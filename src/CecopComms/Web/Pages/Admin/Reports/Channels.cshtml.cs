using CecopComms.Audience.Import;
using CecopComms.Localization;
using CecopComms.Reach;
using CecopComms.Reach.Channels;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Reports;

/// <summary>
/// Channel figures (followers, website users…) with their sources: the current ones, a form to enter one as `cecop
/// channels set` does, and an upload imported by `cecop channels import`'s importer with each refused line shown.
/// Everyone reads; only editors and admins enter or import.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ChannelsModel(ChannelFigureStore store, AdminReports reports, IStringLocalizer<StaffText> localizer) : PageModel
{
    [BindProperty] public string Channel { get; set; } = "";
    [BindProperty] public string Metric { get; set; } = "";
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public IReadOnlyList<ChannelFigure> Figures { get; private set; } = [];
    public string? Problem { get; private set; }
    public ChannelImportResult? Imported { get; private set; }
    public string? ImportedFile { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Figures = await store.CurrentAsync(null, cancellationToken);

    public async Task<IActionResult> OnPostSetAsync(CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return StatusCode(StatusCodes.Status403Forbidden);
        try
        {
            if (Year is not { } year) throw new ReachException(localizer["The year is missing; give the year the figure is for, such as 2023."]);
            var text = (Value ?? "").Trim();
            if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
                throw new ReachException(localizer["The value '{0}' is not a whole number; write it without separators, such as 5573.", text]);
            var figure = await store.SetAsync(Channel, Metric, year, value, Source ?? "", EnteredBy, cancellationToken);
            // The value is written as the table writes it, with the same separators whatever the server's culture.
            TempData["Message"] = localizer["{0} {1}: {2} recorded (source: {3}).", figure.Label, figure.Year,
                figure.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), figure.Source].Value;
            return RedirectToPage();
        }
        catch (ReachException e)
        {
            Problem = e.Message;
            Figures = await store.CurrentAsync(null, cancellationToken);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return StatusCode(StatusCodes.Status403Forbidden);
        if (Upload is null || Upload.Length == 0)
            Problem = localizer["Choose a CSV file with the columns channel, metric, year, value and source."];
        else
        {
            try
            {
                await using var upload = Upload.OpenReadStream();
                Imported = await reports.ImportChannelsAsync(upload, Upload.FileName, EnteredBy, cancellationToken);
                ImportedFile = Path.GetFileName(Upload.FileName);
            }
            catch (ImportException e)
            {
                Problem = e.Message;
            }
        }
        // The refused lines are shown on this response, not after a redirect: they are the point of the answer.
        Figures = await store.CurrentAsync(null, cancellationToken);
        return Page();
    }

    private string EnteredBy => User.Identity?.Name ?? "admin";
}
