using CecopComms.Storage;

namespace CecopComms.Audience.Import;

/// <summary>
/// Imports member organisations from CSV: name, country (code or name), category ("full member"/"full",
/// "associated member"/"associated", "network affiliate"/"affiliate") and website. Upserts by name, case-insensitively.
/// </summary>
public sealed class OrganisationImporter(Database database, TimeProvider time)
{
    private readonly ImportQueries _queries = QueryLoader.Load<ImportQueries>(database.Dialect, "import");

    /// <summary>Imports the file; refused rows go to the error report with their line and reason, the good ones go in.</summary>
    /// <exception cref="ImportException">Missing file, no header row, a missing name, country or category column, or a bad column map.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; committed batches stay, and running the import again completes it.</exception>
    public async Task<ImportResult> ImportAsync(ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        using var target = new OrganisationTarget(_queries, time, database.IsPostgres);
        return await new ImportRunner(database, time).RunAsync(target, options, progress, cancellationToken);
    }
}
