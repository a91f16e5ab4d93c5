using System.Text.Json;
using CecopComms.Audience.Import;
using CecopComms.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Web.Admin.Audiences;

/// <summary>
/// Runs the CLI's importers on a file uploaded to the admin pages. The upload is written to a folder of its own under
/// imports/ in the files folder (Storage:FilesPath) (the importers read files, and stream them), the importer writes its error report
/// there, and the result is kept as JSON so that the result page survives a reload. The upload comes from
/// <see cref="HeldUploads"/>: a dry run leaves it held, an import takes it and deletes it once read; reports older than <see cref="KeptFor"/> are deleted at the next import, since they hold people's rows.
/// </summary>
public sealed class AdminImports(IServiceProvider services, Database database, TimeProvider time)
{
    /// <summary>How many refused rows the result page lists; the downloadable report has every one.</summary>
    public const int ProblemsShown = 1000;

    /// <summary>How long an import's error report stays downloadable.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string Root => Path.Combine(database.FilesFolder, "imports");

    /// <summary>
    /// Imports <paramref name="upload"/> as subscribers into <paramref name="listSlug"/>, or as organisations when
    /// <paramref name="kind"/> says so. A dry run reads the held file and leaves it held, so that it can be imported
    /// next without a second upload; an import takes it from <paramref name="held"/> first, so that it goes in once.
    /// </summary>
    /// <returns>The report, or null when another request took the upload first.</returns>
    /// <exception cref="ImportException">The file has no header row, lacks a required column, or the list does not exist: nothing was imported.</exception>
    /// <exception cref="IOException">The import's folder cannot be written in the files folder (Storage:FilesPath).</exception>
    public async Task<ImportReport?> RunAsync(string kind, HeldUpload upload, HeldUploads held, string? listSlug, bool dryRun, CancellationToken cancellationToken)
    {
        Purge();
        var id = Guid.NewGuid().ToString("N");
        var folder = Path.Combine(Root, id);
        Directory.CreateDirectory(folder);
        var path = dryRun ? upload.Path : Path.Combine(folder, upload.FileName);
        if (!dryRun && !held.TryTake(upload, path))
        {
            Directory.Delete(folder, recursive: true);
            return null;
        }
        try
        {
            var organisations = kind == "organisations";
            var options = new ImportOptions(path, organisations ? null : listSlug, new Dictionary<string, string>(), dryRun, Path.Combine(folder, "errors.csv"));
            var result = organisations
                ? await ActivatorUtilities.CreateInstance<OrganisationImporter>(services).ImportAsync(options, null, cancellationToken)
                : await ActivatorUtilities.CreateInstance<SubscriberImporter>(services).ImportAsync(options, null, cancellationToken);
            var problems = result.Refused.Take(ProblemsShown).Select(r => new ImportProblem(r.Line, r.Key, r.Column, r.Reason)).ToList();
            var report = new ImportReport(id, organisations ? "organisations" : "subscribers", upload.FileName, organisations ? null : listSlug, dryRun,
                result.RowsRead, result.Inserted, result.Updated, result.Unchanged, result.Rejected, result.Repeated, problems, dryRun ? upload.Id : null);
            await File.WriteAllTextAsync(Path.Combine(folder, "result.json"), JsonSerializer.Serialize(report, Json), cancellationToken);
            return report;
        }
        catch (ImportException)
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
        finally
        {
            if (!dryRun && File.Exists(path)) File.Delete(path);
        }
    }

    /// <summary>The result of the import with this id, or null when there is none (unknown, malformed or purged).</summary>
    public async Task<ImportReport?> FindAsync(string? id, CancellationToken cancellationToken)
    {
        if (Folder(id) is not { } folder || !File.Exists(Path.Combine(folder, "result.json"))) return null;
        return JsonSerializer.Deserialize<ImportReport>(await File.ReadAllTextAsync(Path.Combine(folder, "result.json"), cancellationToken), Json);
    }

    /// <summary>The path of the import's error report (the refused rows as the file had them, with the reason added), or null when there is none.</summary>
    public string? ErrorReportPath(string? id) =>
        Folder(id) is { } folder && File.Exists(Path.Combine(folder, "errors.csv")) ? Path.Combine(folder, "errors.csv") : null;

    // Only a 32-hex-digit id names a folder, so an address cannot reach outside imports/.
    private string? Folder(string? id) =>
        id is { Length: 32 } && Guid.TryParseExact(id, "N", out _) ? Path.Combine(Root, id.ToLowerInvariant()) : null;

    private void Purge()
    {
        if (!Directory.Exists(Root)) return;
        var before = time.GetUtcNow() - KeptFor;
        foreach (var folder in Directory.GetDirectories(Root))
        {
            if (Directory.GetLastWriteTimeUtc(folder) < before.UtcDateTime)
            {
                try { Directory.Delete(folder, recursive: true); }
                catch (IOException) { } // being read right now: the next import deletes it
            }
        }
    }

    /// <summary>The file name of an upload without folders or characters a file system refuses, and not one of the names kept beside it.</summary>
    internal static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        foreach (var c in Path.GetInvalidFileNameChars()) name = name.Replace(c, '_');
        // "." and ".." name the folder and its parent, not a file.
        return name.Length == 0 || name is "." or ".." or "errors.csv" or "result.json" or "held.json" ? "upload.csv" : name;
    }
}
