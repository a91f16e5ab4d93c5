using System.Globalization;
using CecopComms.Audience;
using CecopComms.Hosting;
using CecopComms.Localization;
using CecopComms.Storage;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Audiences;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Audiences;

/// <summary>
/// Imports subscribers into a list, or member organisations, from an uploaded CSV with the CLI's importers; the result
/// page shows the counts and each refused row (line, e-mail or name, reason) and offers the error report as CSV.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[RequestSizeLimit(MaxUpload)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
public sealed class ImportModel(IServiceProvider services, Database database, TimeProvider time, ListStore lists, IStringLocalizer<StaffText> localizer) : PageModel
{
    /// <summary>The largest file accepted: 50 MB, some 400,000 subscriber rows.</summary>
    public const long MaxUpload = 50L * 1024 * 1024;

    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private AdminImports Imports => new(services, database, time);

    public IReadOnlyList<MailingList> Lists { get; private set; } = [];

    /// <summary>The result shown, when the address names an import.</summary>
    public ImportReport? Report { get; private set; }

    public string? Problem { get; private set; }

    [BindProperty] public string Kind { get; set; } = "subscribers";
    [BindProperty] public string? List { get; set; }
    [BindProperty] public bool DryRun { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public async Task OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        Lists = await lists.ListAsync(cancellationToken);
        Report = await Imports.FindAsync(id, cancellationToken);
    }

    /// <summary>
    /// The import's error report, in the uploaded file's shape with the reason added, named after that file and today's
    /// date in Brussels: members.csv gives members-2026-12-06-errors.csv.
    /// </summary>
    public async Task<IActionResult> OnGetErrorsAsync(string? id, CancellationToken cancellationToken)
    {
        if (Imports.ErrorReportPath(id) is not { } path || await Imports.FindAsync(id, cancellationToken) is not { } report) return NotFound();
        var today = TimeZoneInfo.ConvertTime(time.GetUtcNow(), Brussels).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return PhysicalFile(path, "text/csv; charset=utf-8", $"{Path.GetFileNameWithoutExtension(report.FileName)}-{today}-errors.csv");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.CanEdit()) return Forbid();
        Lists = await lists.ListAsync(cancellationToken);
        if (Kind is not ("subscribers" or "organisations")) Kind = "subscribers";
        if (Upload is null || Upload.Length == 0)
            Problem = localizer["Choose a CSV file to import."];
        else if (Kind == "subscribers" && string.IsNullOrWhiteSpace(List))
            Problem = localizer["Choose the list the subscribers go to."];
        if (Problem is not null) return Page();
        try
        {
            await using var upload = Upload!.OpenReadStream();
            var report = await Imports.RunAsync(Kind, upload, Upload.FileName, List, DryRun, cancellationToken);
            TempData["Message"] = localizer[report.DryRun ? "Dry run of {0}: {1} rows read, {2} refused." : "Imported {0}: {1} rows read, {2} refused.",
                report.FileName, report.RowsRead, report.Rejected].Value;
            return RedirectToPage(new { id = report.Id });
        }
        catch (Exception e) when (e is IUserError)
        {
            Problem = e.Message;
            return Page();
        }
    }
}
