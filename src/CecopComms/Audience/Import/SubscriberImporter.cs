using CecopComms.Storage;

namespace CecopComms.Audience.Import;

/// <summary>
/// Imports subscribers from CSV into a list: email (required), name, language, organisation (by name), consent and
/// wording version; any other column becomes a free attribute. Upserts by normalised address; see
/// <see cref="ListTarget.StatusFor"/> for the subscription status and docs/performance.md for throughput.
/// </summary>
public sealed class SubscriberImporter(Database database, TimeProvider time)
{
    private readonly ImportQueries _queries = QueryLoader.Load<ImportQueries>(database.Dialect, "import");

    /// <summary>Imports the file; refused rows go to the error report with their line and reason, the good ones go in.</summary>
    /// <exception cref="ImportException">Missing file, no header row, no email column, a bad column map, or an unknown list.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; committed batches stay, and running the import again completes it.</exception>
    public async Task<ImportResult> ImportAsync(ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        using SubscriberTarget target = database.IsPostgres
            ? new PostgresSubscriberTarget(_queries, time, options)
            : new SqliteSubscriberTarget(_queries, time, options);
        return await new ImportRunner(database, time).RunAsync(target, options, progress, cancellationToken);
    }
}
