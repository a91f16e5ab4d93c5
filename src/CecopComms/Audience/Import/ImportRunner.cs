using System.Data.Common;
using CecopComms.Audience.Import.Csv;
using CecopComms.Storage;
using Microsoft.Data.Sqlite;

namespace CecopComms.Audience.Import;

/// <summary>
/// The loop every import shares: stream records, check each, write checked rows in batches of one transaction each,
/// report refused rows in line order, report progress. A dry run keeps everything in one transaction and rolls it back,
/// so its checks see what earlier rows would have written and the database is left as it was.
/// </summary>
internal sealed class ImportRunner(Database database, TimeProvider time)
{
    /// <exception cref="ImportException">A whole-file problem (see <see cref="ImportException"/>).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; batches committed before stay, the one under way is rolled back.</exception>
    public async Task<ImportResult> RunAsync<TRow>(IImportTarget<TRow> target, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        var throttle = new ProgressThrottle(progress, time);
        using var source = CsvSource.Open(options.FilePath);
        var layout = ColumnLayout.Resolve(source.FileName, source.Header, target.Fields, options.ColumnMap);

        await using var connection = (SqliteConnection)await database.OpenAsync(cancellationToken);
        await target.PrepareAsync(connection, layout, source.FileName, cancellationToken);
        await using var report = ErrorReport.Create(options.ErrorReportPath);
        await using var dryRun = options.DryRun ? await connection.BeginTransactionAsync(cancellationToken) : null;

        var counts = new ImportCounts();
        var rows = new List<TRow>(options.BatchSize);
        var errors = new List<RowError>();
        async Task Flush()
        {
            if (rows.Count > 0)
            {
                await using var batch = dryRun is null ? await connection.BeginTransactionAsync(cancellationToken) : null;
                await target.WriteAsync(batch ?? dryRun!, rows, counts, errors, cancellationToken);
                if (batch is not null) await batch.CommitAsync(cancellationToken);
                rows.Clear();
            }
            errors.Sort((a, b) => a.Line.CompareTo(b.Line));
            report.Write(errors);
            counts.Rejected += errors.Count;
            errors.Clear();
            throttle.Report(counts);
        }

        while (source.Records.TryRead(out var record))
        {
            cancellationToken.ThrowIfCancellationRequested();
            counts.Read++;
            if (record.Problem is not null) errors.Add(new RowError(record.Line, "", record.Problem, record.Raw));
            else if (target.TryParse(record, out var row, out var error)) rows.Add(row);
            else errors.Add(error!);

            if (rows.Count >= options.BatchSize || errors.Count >= options.BatchSize) await Flush();
            else if ((counts.Read & 1023) == 0) throttle.Report(counts);
        }
        await Flush();
        if (dryRun is not null) await dryRun.RollbackAsync(cancellationToken);
        await target.CompleteAsync(cancellationToken);

        throttle.Report(counts, final: true);
        return new ImportResult(counts.Read, counts.Inserted, counts.Updated, counts.Unchanged, counts.Rejected, report.Path, throttle.Elapsed);
    }
}
