using System.Data.Common;
using System.Threading.Channels;
using CecopComms.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CecopComms.Delivery.Tracking;

/// <summary>
/// Writes opens and clicks to the events table in batches, off the request path: an endpoint hands its event over and
/// answers at once, and one writer commits whatever has gathered in one transaction (up to <see cref="BatchSize"/>).
/// A burst of opens after a send then costs one commit per batch instead of one per request, and requests never wait
/// for SQLite's single writer. A clean stop writes everything accepted before the host stops.
/// </summary>
public sealed class TrackingEventWriter(Database database, ILogger<TrackingEventWriter> logger) : IHostedService, IDisposable
{
    /// <summary>Events written per transaction at most.</summary>
    public const int BatchSize = 1_000;

    /// <summary>Events waiting at most; beyond this, endpoints wait for room (the database is the limit, not memory).</summary>
    public const int Capacity = 100_000;

    private readonly TrackingQueries _queries = QueryLoader.Load<TrackingQueries>(database.Dialect, "tracking");
    private readonly Channel<TrackingEvent> _channel = Channel.CreateBounded<TrackingEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private long _accepted;
    private long _done;
    private long _lost;

    /// <summary>Events written since start.</summary>
    public long Written => Interlocked.Read(ref _done) - Interlocked.Read(ref _lost);

    /// <summary>Events that could not be written (the database kept refusing them until the host stopped).</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Accepts an event for writing; waits only when <see cref="Capacity"/> events are already waiting.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired while waiting for room.</exception>
    public async ValueTask RecordAsync(TrackingEvent trackingEvent, CancellationToken cancellationToken)
    {
        if (!_channel.Writer.TryWrite(trackingEvent))
        {
            try
            {
                await _channel.Writer.WriteAsync(trackingEvent, cancellationToken);
            }
            catch (ChannelClosedException)
            {
                // The host is stopping and the batch writer has finished: write this one straight away.
                await WriteAsync([trackingEvent], cancellationToken);
                return;
            }
        }
        Interlocked.Increment(ref _accepted);
    }

    /// <summary>Completes when every event accepted before the call has been written (or given up on).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _accepted);
        while (true)
        {
            var progress = Volatile.Read(ref _progress);
            if (Interlocked.Read(ref _done) >= target) return;
            await progress.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Starts the batch writer.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Not a BackgroundService: its loop may not have begun when a quick stop cancels it, and then what was
        // accepted would never be written. This loop is started here and always runs until the channel is empty.
        _loop ??= Task.Run(() => WriteLoopAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Accepts no more events into the queue, writes what is waiting, then returns (or when <paramref name="cancellationToken"/>, the host's shutdown timeout, fires).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        // Retries of a failing batch give up after a few attempts from here on.
        await _stopping.CancelAsync();
        await (_loop ?? WriteLoopAsync(_stopping.Token)).WaitAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<TrackingEvent>(BatchSize);
        // Not cancelled by stoppingToken: after a stop the channel is completed and the loop ends once it is empty.
        while (await _channel.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < BatchSize && _channel.Reader.TryRead(out var next)) batch.Add(next);
            await WriteWithRetriesAsync(batch, stoppingToken);
            Interlocked.Add(ref _done, batch.Count);
            Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            batch.Clear();
        }
    }

    private async Task WriteWithRetriesAsync(List<TrackingEvent> batch, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(batch, CancellationToken.None);
                return;
            }
            catch (DbException e) when (!stoppingToken.IsCancellationRequested || attempt < 3)
            {
                // Busy or full database: keep the batch and try again; events are not dropped while the host runs.
                logger.LogWarning(e, "Writing {Count} tracking events failed (attempt {Attempt}); trying again in {Delay}.", batch.Count, attempt, delay);
                await Task.Delay(delay, CancellationToken.None);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
            catch (DbException e)
            {
                Interlocked.Add(ref _lost, batch.Count);
                logger.LogError(e, "{Count} tracking events could not be written before the stop and are lost.", batch.Count);
                return;
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<TrackingEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _queries.InsertEvent;
        var mailing = Parameter(command, "@MailingId");
        var subscriber = Parameter(command, "@SubscriberUuid");
        var kind = Parameter(command, "@Kind");
        var url = Parameter(command, "@Url");
        var at = Parameter(command, "@OccurredAt");
        // One prepared statement, its parameters rebound per event: the cheapest way through SQLite row by row. The time
        // is text on SQLite and a timestamptz on PostgreSQL (Npgsql sends a UTC DateTimeOffset as one).
        foreach (var e in events)
        {
            mailing.Value = e.MailingId;
            subscriber.Value = e.SubscriberUuid.ToString();
            kind.Value = e.Kind == TrackingEventKind.Open ? "open" : "click";
            url.Value = (object?)e.Url ?? DBNull.Value;
            at.Value = database.IsPostgres ? e.OccurredAt.ToUniversalTime() : DbTime.ToText(e.OccurredAt);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
