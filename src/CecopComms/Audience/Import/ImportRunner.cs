using System.Collections.Concurrent;
using System.Data.Common;
using System.Threading.Channels;
using CecopComms.Audience.Import.Csv;
using CecopComms.Storage;

namespace CecopComms.Audience.Import;

/// <summary>
/// The loop every import shares: stream records, check each, write checked rows in batches of one transaction each,
/// report refused rows in line order, report progress. Reading and checking run on a second thread one batch ahead
/// of the writing (SQLite has one writer; this keeps the other core busy), with at most two batches waiting, so
/// memory stays flat. A dry run keeps everything in one transaction and rolls it back, so its checks see what
/// earlier rows would have written and the database is left as it was.
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

        await using var connection = await database.OpenAsync(cancellationToken);
        await target.PrepareAsync(connection, layout, source.FileName, cancellationToken);
        // A target's first field is the row's key (the e-mail address, the organisation's name): the result page lists it.
        await using var report = ErrorReport.Create(options.ErrorReportPath, source.Header, source.Records.Delimiter, layout.IndexOf(target.Fields[0].Name));
        await using var dryRun = options.DryRun ? await connection.BeginTransactionAsync(cancellationToken) : null;

        var counts = new ImportCounts();
        var batches = Channel.CreateBounded<Batch<TRow>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        // Written batches go back to the reader: a batch's row list is a large-object allocation at 10,000 rows.
        var spent = new ConcurrentQueue<Batch<TRow>>();
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadAsync(source.Records, target, options.BatchSize, batches.Writer, spent, stopReading.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (batch.Rows.Count > 0)
                {
                    await using var transaction = dryRun is null ? await connection.BeginTransactionAsync(cancellationToken) : null;
                    await target.WriteAsync(transaction ?? dryRun!, batch.Rows, counts, batch.Errors, cancellationToken);
                    if (transaction is not null) await transaction.CommitAsync(cancellationToken);
                }
                batch.Errors.Sort((a, b) => a.Line.CompareTo(b.Line));
                report.Write(batch.Errors);
                counts.Rejected += batch.Errors.Count;
                counts.Read = batch.ReadSoFar;
                throttle.Report(counts);
                spent.Enqueue(batch);
            }
            await reading;
        }
        finally
        {
            await stopReading.CancelAsync();
            // The reader's own failure, if any, surfaced through the channel; here it only has to be finished.
            try { await reading; } catch (Exception) when (cancellationToken.IsCancellationRequested || stopReading.IsCancellationRequested) { }
        }
        if (dryRun is not null) await dryRun.RollbackAsync(cancellationToken);
        await target.CompleteAsync(cancellationToken);

        throttle.Report(counts, final: true);
        return new ImportResult(counts.Read, counts.Inserted, counts.Updated, counts.Unchanged, counts.Rejected, counts.Repeated, report.Path, report.First, throttle.Elapsed);
    }

    private static async Task ReadAsync<TRow>(CsvRecordReader records, IImportTarget<TRow> target, int batchSize, ChannelWriter<Batch<TRow>> batches,
        ConcurrentQueue<Batch<TRow>> spent, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new Batch<TRow>(batchSize);
            long read = 0;
            while (records.TryRead(out var record))
            {
                cancellationToken.ThrowIfCancellationRequested();
                read++;
                if (record.Problem is not null) batch.Errors.Add(new RowError(record.Line, "", record.Problem, record.Raw));
                else if (target.TryParse(record, out var row, out var error)) batch.Rows.Add(row);
                else batch.Errors.Add(error!);

                if (batch.Rows.Count < batchSize && batch.Errors.Count < batchSize) continue;
                batch.ReadSoFar = read;
                await batches.WriteAsync(batch, cancellationToken);
                batch = spent.TryDequeue(out var reused) ? reused.Clear() : new Batch<TRow>(batchSize);
            }
            batch.ReadSoFar = read;
            await batches.WriteAsync(batch, cancellationToken);
            batches.Complete();
        }
        catch (Exception e)
        {
            batches.TryComplete(e);
            throw;
        }
    }

    /// <summary>Checked rows and refused ones from one stretch of the file, and how many records had been read by its end.</summary>
    private sealed class Batch<TRow>(int capacity)
    {
        public List<TRow> Rows { get; } = new(capacity);
        public List<RowError> Errors { get; } = [];
        public long ReadSoFar { get; set; }

        public Batch<TRow> Clear()
        {
            Rows.Clear();
            Errors.Clear();
            ReadSoFar = 0;
            return this;
        }
    }
}
