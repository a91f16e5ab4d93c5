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
public sealed class ImportModel(IServiceProvider services, Database database, TimeProvider time, ListStore lists, ActivityLog activity, IStringLocalizer<StaffText> localizer) : PageModel
{
    /// <summary>The largest file accepted: 50 MB, some 400,000 subscriber rows.</summary>
    public const long MaxUpload = 50L * 1024 * 1024;

    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private AdminImports Imports => new(services, database, time);

    private HeldUploads Uploads => new(database, time);

    public IReadOnlyList<MailingList> Lists { get; private set; } = [];

    /// <summary>The result shown, when the address names an import.</summary>
    public ImportReport? Report { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>What is wrong with the chosen list, shown next to the list field.</summary>
    public string? ListProblem { get; private set; }

    /// <summary>The file kept from the last press, when the form is shown again with a problem.</summary>
    public HeldUpload? HeldFile { get; private set; }

    /// <summary>After a dry run by this staff member, the file it checked, which "import it now" imports.</summary>
    public HeldUpload? CheckedFile { get; private set; }

    /// <summary>The id of a file kept on the server (<see cref="HeldUploads"/>), sent instead of the file itself.</summary>
    [BindProperty] public string? Held { get; set; }

    [BindProperty] public string Kind { get; set; } = "subscribers";
    [BindProperty] public string? List { get; set; }
    [BindProperty] public bool DryRun { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public async Task OnGetAsync(string? id, CancellationToken cancellationToken)
    {
        Lists = await lists.ListAsync(cancellationToken);
        Report = await Imports.FindAsync(id, cancellationToken);
        if (Report is { DryRun: true, Held: { } held } && User.CanEdit() && StaffAuthentication.UserId(User) is { } owner)
            CheckedFile = Uploads.Find(held, owner);
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

    /// <summary>
    /// Imports (or checks) a newly chosen file, or the file kept on the server from the last press: after a dry run
    /// ("import it now") or a list problem. The file is kept until it is imported, so a problem with the list only
    /// needs the list fixed.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!User.CanEdit() || StaffAuthentication.UserId(User) is not { } owner) return Forbid();
        Lists = await lists.ListAsync(cancellationToken);
        if (Kind is not ("subscribers" or "organisations")) Kind = "subscribers";
        HeldUpload? held;
        if (Upload is { Length: > 0 })
        {
            if (Uploads.Find(Held, owner) is { } replaced) Uploads.Release(replaced.Id);
            await using var upload = Upload.OpenReadStream();
            held = await Uploads.HoldAsync(upload, Upload.FileName, owner, cancellationToken);
        }
        else if (Held is null)
        {
            Problem = localizer["Choose a CSV file to import."];
            return Page();
        }
        else if ((held = Uploads.Find(Held, owner)) is null)
        {
            return Gone();
        }
        (HeldFile, Held) = (held, held.Id);
        if (Kind == "subscribers" && !Lists.Any(l => l.Slug == List))
        {
            ListProblem = string.IsNullOrWhiteSpace(List)
                ? localizer["Choose the list the subscribers go to."]
                : localizer["There is no list {0}; choose one of the lists.", List];
            return Page();
        }
        try
        {
            if (await Imports.RunAsync(Kind, held, Uploads, List, DryRun, cancellationToken) is not { } report) return Gone();
            if (!report.DryRun)
                await activity.RecordAsync(User, "import", report.ListSlug ?? report.Kind, $"{report.FileName}: {report.RowsRead} rows read, {report.Inserted} added, "
                    + $"{report.Updated} updated, {report.Unchanged} unchanged, {report.Rejected} refused.");
            TempData["Message"] = localizer[report.DryRun ? "Dry run of {0}: {1} rows read, {2} refused." : "Imported {0}: {1} rows read, {2} refused.",
                report.FileName, report.RowsRead, report.Rejected].Value;
            return RedirectToPage(new { id = report.Id });
        }
        catch (Exception e) when (e is IUserError)
        {
            Problem = e.Message;
            if (!DryRun) (HeldFile, Held) = (null, null);
            return Page();
        }
    }

    // The id named no file of this staff member: imported already, replaced, kept too long, or not theirs.
    private PageResult Gone()
    {
        (HeldFile, Held) = (null, null);
        Problem = localizer["The file chosen before is no longer kept: it was imported already, or it waited too long. Choose it again."];
        return Page();
    }
}
