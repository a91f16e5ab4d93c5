namespace CecopComms.Web.Admin.Audiences;

/// <summary>What one import from the admin pages did, kept beside its error report so the result page can be reloaded.</summary>
/// <param name="Id">The import's identity in addresses (32 hex digits).</param>
/// <param name="Kind">"subscribers" or "organisations".</param>
/// <param name="FileName">The uploaded file's name.</param>
/// <param name="ListSlug">Subscribers: the list the rows went to.</param>
/// <param name="DryRun">Nothing was changed; the counts say what would have been.</param>
/// <param name="RowsRead">Data rows in the file.</param>
/// <param name="Inserted">New subscribers or organisations.</param>
/// <param name="Updated">Existing ones changed, or newly subscribed.</param>
/// <param name="Unchanged">Rows that matched what was stored.</param>
/// <param name="Rejected">Rows refused.</param>
/// <param name="Repeated">Organisations: rows repeating an organisation an earlier row of the file had (a sheet of contacts).</param>
/// <param name="Problems">The refused rows, up to <see cref="AdminImports.ProblemsShown"/>; the error report holds them all.</param>
/// <param name="Held">A dry run: the <see cref="HeldUploads"/> id of the file checked, which "import it now" imports.</param>
public sealed record ImportReport(
    string Id,
    string Kind,
    string FileName,
    string? ListSlug,
    bool DryRun,
    long RowsRead,
    long Inserted,
    long Updated,
    long Unchanged,
    long Rejected,
    long Repeated,
    IReadOnlyList<ImportProblem> Problems,
    string? Held = null);
