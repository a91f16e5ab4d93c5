using System.Diagnostics;
using System.Threading.Channels;
using CecopComms.Content;
using CecopComms.Delivery.Bounces;
using MimeKit;
using CecopComms.Storage;
using Microsoft.Extensions.Options;

namespace CecopComms.Delivery;

/// <summary>
/// Sends a running mailing until it is done, paused or cancelled. Under a lease on the mailing (on SQLite one sender at
/// a time; on PostgreSQL the lease is shared and every node's sender works on the mailing at once), it claims rows in order (marked 'sending' under a fenced claim and committed before any is handed over), workers
/// render, compose, sign, confirm the row's claim and send it over the transport within the throttle, and a single writer
/// commits each outcome as soon as it comes back, where the claim is still this run's (see <see cref="LedgerSession"/>).
/// Pause and cancel are read from the database every <see cref="PollInterval"/>; rows claimed but not yet handed over go
/// back to pending. Too many failures in a row pause the mailing with the last reply as the reason.
/// </summary>
public sealed class MailingSender(
    Database database,
    MailingStore mailings,
    IMailingContent content,
    IMessageComposer composer,
    BounceAddress bounces,
    IMessageTransport transport,
    SendThrottle throttle,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    BounceRecorder? bounceRecorder = null,
    IEnumerable<IMailingSettledListener>? settledListeners = null)
{
    /// <summary>How often a running sender reads the mailing's state and renews its lease.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a lease lasts without renewal: a sender that died is replaced after this.</summary>
    public static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(5);

    private readonly DeliveryOptions _options = options.Value;
    // A refused recipient is a hard bounce, which needs no threshold: without AddBounces the default rules serve.
    private readonly BounceRecorder _bounceRecorder = bounceRecorder ?? new BounceRecorder(database, Options.Create(new BounceMailboxOptions()));
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Workers used: Delivery:Workers, else one per transport connection.</summary>
    public int Workers => _options.Workers > 0 ? _options.Workers : Math.Max(1, transport.Concurrency);

    /// <summary>Sends mailing <paramref name="mailingId"/> while it is running; returns how the run ended.</summary>
    /// <exception cref="MailingException">No such mailing.</exception>
    /// <exception cref="ContentValidationException">Its content no longer compiles.</exception>
    public async Task<SendRun> RunAsync(long mailingId, IProgress<SenderProgress>? progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var mailing = await mailings.GetAsync(mailingId, cancellationToken);
        if (mailing.Status != MailingStatus.Running)
            return new SendRun(mailingId, mailing.Status, mailing.StatusReason ?? $"it is {MailingStore.Text(mailing.Status)}", 0, 0, 0, 0, 0, TimeSpan.Zero, 0, 0);
        await using var session = await LedgerSession.OpenAsync(database, time, mailingId, _bounceRecorder, _owner, LedgerClaims.From(_options), cancellationToken);
        // A sender that died keeps its lease until it runs out: wait that long before leaving the mailing to a live one.
        var waited = Stopwatch.GetTimestamp();
        while (!await session.TakeLeaseAsync(_owner, LeaseLength, cancellationToken))
        {
            if (Stopwatch.GetElapsedTime(waited) > LeaseLength + PollInterval)
                return new SendRun(mailingId, MailingStatus.Running, "another sender is working on it", 0, 0, 0, 0, 0, TimeSpan.Zero, 0, 0);
            await Task.Delay(PollInterval, cancellationToken);
        }
        try
        {
            ICompiledMailing compiled;
            try
            {
                compiled = await content.CompileAsync(mailing.Source, cancellationToken);
            }
            catch (Exception e) when (e is ContentValidationException or ContentNotFoundException)
            {
                // Templates or content changed after the mailing started and no longer compile: retrying every second
                // would change nothing, so the mailing pauses and says why; resume once the content is fixed.
                var reason = "its content no longer compiles: " + e.Message;
                await session.SetStatusAsync(MailingStatus.Running, MailingStatus.Paused, reason, CancellationToken.None);
                return new SendRun(mailingId, MailingStatus.Paused, reason, 0, 0, 0, 0, 0, Stopwatch.GetElapsedTime(started), 0, 0);
            }
            var run = new Run(this, session, mailing, compiled, progress, started);
            var result = await run.ExecuteAsync(cancellationToken);
            // Several nodes may run to the end of one mailing together: the one whose update finished it marks the
            // content sent and tells the listeners; the others report it finished and do nothing more.
            if (result.Status == MailingStatus.Finished && !run.FinishedHere) return result;
            if (result.Status == MailingStatus.Finished) await content.SetStateAsync(mailing.Source, ContentState.Sent, CancellationToken.None);
            if (result.Status == MailingStatus.Cancelled) await content.SetStateAsync(mailing.Source, ContentState.Cancelled, CancellationToken.None);
            if (result.Status is MailingStatus.Finished or MailingStatus.Cancelled) await TellSettledAsync(mailingId);
            return result;
        }
        finally
        {
            await session.ReleaseLeaseAsync(_owner, CancellationToken.None);
        }
    }

    private async Task TellSettledAsync(long mailingId)
    {
        foreach (var listener in settledListeners ?? [])
        {
            // Listeners keep derived data (reach figures) that is computed again on demand when missing: the send is
            // done and stays done whatever they do.
            try
            {
                await listener.MailingSettledAsync(mailingId, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"Mailing {mailingId} finished; keeping its report figures failed ({e.Message}); reports will compute them.");
            }
        }
    }

    /// <summary>
    /// Sends one claimed row; null when cancelled mid-send (the row stays 'sending' and is taken again once its claim runs
    /// out). A row whose claim was lost (this sender stalled past it) is not sent: it is released, which applies only if
    /// nobody took it meanwhile.
    /// </summary>
    private async Task<DeliveryOutcome?> SendOneAsync(LedgerSession session, ICompiledMailing compiled, long mailingId, ClaimedRecipient row, CancellationToken cancellationToken)
    {
        if (!row.Mailable) return new DeliveryOutcome(row.LedgerId, OutcomeKind.Skipped, "no longer subscribed or active");
        MimeMessage message;
        MailboxAddress recipient;
        try
        {
            message = composer.Compose(compiled, row.ToRecipientData(), mailingId, test: false);
            recipient = message.To.Mailboxes.First();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One person's data that cannot make a message (an address the MIME rules refuse) fails that row only.
            return new DeliveryOutcome(row.LedgerId, OutcomeKind.Failed, "could not compose the message: " + e.Message);
        }
        TransportResult result;
        try
        {
            await throttle.WaitAsync(recipient.Domain, cancellationToken);
            if (!await session.ConfirmClaimAsync(row.LedgerId, CancellationToken.None))
                return new DeliveryOutcome(row.LedgerId, OutcomeKind.Released, "claim lost before sending");
            result = await transport.SendAsync(new OutgoingMessage(message, new MailboxAddress(null, bounces.For(mailingId, row.SubscriberId)), recipient,
                $"mailing-{mailingId}/{row.LedgerId:D8}"), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            // A transport that throws (a full disk under the outbox, an error of its own) must not strand the row in
            // 'sending' and the run with it: the row is retried like a lost connection, and fails after MaxAttempts.
            result = new TransportResult(OutcomeKind.Retry, "transport error: " + e.Message);
        }
        var accepted = Stopwatch.GetTimestamp();
        return result.Kind switch
        {
            OutcomeKind.Sent => new DeliveryOutcome(row.LedgerId, OutcomeKind.Sent, result.Reply, MessageId: message.MessageId, AcceptedTimestamp: accepted),
            OutcomeKind.Retry when row.Attempts >= _options.MaxAttempts =>
                new DeliveryOutcome(row.LedgerId, OutcomeKind.Failed, $"{result.Reply} (gave up after {row.Attempts} attempts)", result.Code),
            OutcomeKind.Retry => new DeliveryOutcome(row.LedgerId, OutcomeKind.Retry, result.Reply, result.Code,
                RetryAt: time.GetUtcNow() + RetryDelay(row.Attempts)),
            _ => new DeliveryOutcome(row.LedgerId, result.Kind, result.Reply, result.Code),
        };
    }

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Exponential backoff: RetryBaseSeconds, then twice as long after each attempt.</summary>
    public TimeSpan RetryDelay(int attempts) => TimeSpan.FromSeconds(_options.RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempts - 1)));

    /// <summary>The state of one run: claimed rows in flight, counters, the duplicate window.</summary>
    private sealed class Run(MailingSender sender, LedgerSession session, Mailing mailing, ICompiledMailing compiled,
        IProgress<SenderProgress>? progress, long started)
    {
        private const int ClaimBatch = 200;
        private int _emptyClaims;
        private readonly int _capacity = Math.Max(64, sender.Workers * 8);
        private int _inFlight;
        private volatile bool _halt;
        private long _sent, _failed, _retried, _skipped, _lost, _windowTicksTotal, _windowTicksMax;
        private int _consecutiveErrors;
        private string? _pauseReason;

        /// <summary>True when this run's own update moved the mailing from running to finished.</summary>
        public bool FinishedHere { get; private set; }

        public async Task<SendRun> ExecuteAsync(CancellationToken cancellationToken)
        {
            var work = Channel.CreateBounded<ClaimedRecipient>(new BoundedChannelOptions(_capacity) { SingleWriter = true });
            var results = Channel.CreateUnbounded<DeliveryOutcome>(new UnboundedChannelOptions { SingleReader = true });
            var workers = Enumerable.Range(0, sender.Workers).Select(_ => Task.Run(() => WorkAsync(work.Reader, results.Writer, cancellationToken), CancellationToken.None)).ToArray();
            var writer = Task.Run(() => WriteAsync(results.Reader), CancellationToken.None);

            MailingStatus status;
            string? reason = null;
            try
            {
                (status, reason) = await CoordinateAsync(work.Writer, results.Writer, cancellationToken);
            }
            finally
            {
                _halt = true;
                work.Writer.TryComplete();
                try
                {
                    await Task.WhenAll(workers);
                }
                finally
                {
                    // Whatever the workers did, the outcomes they reported are written before the run ends.
                    results.Writer.TryComplete();
                    await writer;
                }
            }
            if (_pauseReason is not null) (status, reason) = (MailingStatus.Paused, _pauseReason);
            if (status == MailingStatus.Running && !cancellationToken.IsCancellationRequested && await session.RemainingAsync(CancellationToken.None) == 0)
            {
                // Nothing is left, but someone may have paused or cancelled it since the last poll (a cancel skips what
                // was waiting, which is how nothing came to be left): finish only a mailing still running, else report
                // what it became.
                if (await session.SetStatusAsync(MailingStatus.Running, MailingStatus.Finished, null, CancellationToken.None)) (status, FinishedHere) = (MailingStatus.Finished, true);
                else (status, reason) = await session.StatusAsync(CancellationToken.None);
            }
            if (status == MailingStatus.Cancelled) await session.SkipWaitingAsync(CancellationToken.None);
            Report();
            var count = Math.Max(1, Interlocked.Read(ref _sent));
            return new SendRun(mailing.Id, status, reason, _sent, _failed, _retried, _skipped, session.TakenOver, Stopwatch.GetElapsedTime(started),
                TicksToMilliseconds(_windowTicksMax), TicksToMilliseconds(_windowTicksTotal) / count, (int)Interlocked.Read(ref _lost));
        }

        private async Task<(MailingStatus, string?)> CoordinateAsync(ChannelWriter<ClaimedRecipient> work, ChannelWriter<DeliveryOutcome> results, CancellationToken cancellationToken)
        {
            var lastPoll = Stopwatch.GetTimestamp();
            while (!cancellationToken.IsCancellationRequested)
            {
                if (Stopwatch.GetElapsedTime(lastPoll) >= PollInterval)
                {
                    lastPoll = Stopwatch.GetTimestamp();
                    var (status, reason) = await session.StatusAsync(CancellationToken.None);
                    if (status != MailingStatus.Running) return (status, reason);
                    if (!await session.TakeLeaseAsync(sender._owner, LeaseLength, CancellationToken.None)) return (MailingStatus.Running, "another sender took over");
                    if (Volatile.Read(ref _inFlight) > 0) await session.RenewClaimsAsync(CancellationToken.None);
                    Report();
                }
                if (_halt) return (MailingStatus.Paused, _pauseReason);

                var free = _capacity - Volatile.Read(ref _inFlight);
                if (free >= Math.Min(ClaimBatch, _capacity / 2))
                {
                    var claimed = await session.ClaimAsync(Math.Min(free, ClaimBatch), CancellationToken.None);
                    if (claimed.Count > 0)
                    {
                        _emptyClaims = 0;
                        Interlocked.Add(ref _inFlight, claimed.Count);
                        foreach (var row in claimed) await work.WriteAsync(row, CancellationToken.None);
                        continue;
                    }
                    if (Volatile.Read(ref _inFlight) == 0)
                    {
                        if (await session.RemainingAsync(CancellationToken.None) == 0) return (MailingStatus.Running, null);
                        var next = await session.NextRetryAtAsync(CancellationToken.None);
                        var wait = next is { } at ? at - sender.Now : PollInterval;
                        await Delay(wait < PollInterval ? (wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(5)) : PollInterval, cancellationToken);
                        continue;
                    }
                    // Nothing free while rows are still in hand: the queue is empty for now (other nodes hold the rest,
                    // or retries are not due). Ask again less and less often, up to the poll interval, instead of every
                    // few milliseconds: on a shared database every idle node would otherwise cost it hundreds of queries a second.
                    _emptyClaims = Math.Min(_emptyClaims + 1, 8);
                    await Delay(TimeSpan.FromMilliseconds(Math.Min(PollInterval.TotalMilliseconds, 5 << _emptyClaims)), cancellationToken);
                    continue;
                }
                await Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
            }
            return (MailingStatus.Running, "stopped");
        }

        private async Task WorkAsync(ChannelReader<ClaimedRecipient> work, ChannelWriter<DeliveryOutcome> results, CancellationToken cancellationToken)
        {
            await foreach (var row in work.ReadAllAsync(CancellationToken.None))
            {
                if (_halt || cancellationToken.IsCancellationRequested)
                {
                    results.TryWrite(new DeliveryOutcome(row.LedgerId, OutcomeKind.Released, null));
                    continue;
                }
                var outcome = await sender.SendOneAsync(session, compiled, mailing.Id, row, cancellationToken);
                if (outcome is null) Interlocked.Decrement(ref _inFlight);
                else results.TryWrite(outcome);
            }
        }

        private async Task WriteAsync(ChannelReader<DeliveryOutcome> results)
        {
            var batch = new List<DeliveryOutcome>(512);
            while (await results.WaitToReadAsync(CancellationToken.None))
            {
                batch.Clear();
                while (batch.Count < 512 && results.TryRead(out var outcome)) batch.Add(outcome);
                var lost = await session.WriteAsync(batch, CancellationToken.None);
                var committed = Stopwatch.GetTimestamp();
                foreach (var o in batch)
                {
                    // A row another sender took over is counted by that sender, whatever happened to it here.
                    if (lost.Contains(o.LedgerId)) Interlocked.Increment(ref _lost);
                    else Count(o, committed);
                }
                Interlocked.Add(ref _inFlight, -batch.Count);
                if (_consecutiveErrors >= sender._options.PauseAfterConsecutiveErrors && _pauseReason is null)
                {
                    var last = batch.LastOrDefault(o => o.Kind is OutcomeKind.Retry or OutcomeKind.Failed or OutcomeKind.Bounced)?.Reply;
                    var reason = $"paused itself after {_consecutiveErrors} failures in a row; last reply: {last}";
                    if (await session.SetStatusAsync(MailingStatus.Running, MailingStatus.Paused, reason, CancellationToken.None)) _pauseReason = reason;
                    _halt = true;
                }
            }
        }

        private void Count(DeliveryOutcome o, long committed)
        {
            switch (o.Kind)
            {
                case OutcomeKind.Sent:
                    _sent++;
                    _consecutiveErrors = 0;
                    var window = committed - o.AcceptedTimestamp;
                    _windowTicksTotal += window;
                    if (window > _windowTicksMax) _windowTicksMax = window;
                    break;
                case OutcomeKind.Retry:
                    _retried++;
                    _consecutiveErrors++;
                    break;
                case OutcomeKind.Failed or OutcomeKind.Bounced:
                    _failed++;
                    _consecutiveErrors++;
                    break;
                case OutcomeKind.Skipped:
                    _skipped++;
                    break;
            }
        }

        private void Report()
        {
            if (progress is null) return;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var sent = Interlocked.Read(ref _sent);
            var done = mailing.Done + sent + Interlocked.Read(ref _failed) + Interlocked.Read(ref _skipped);
            var rate = elapsed > 0 ? sent / elapsed : 0;
            progress.Report(new SenderProgress(mailing.Id, mailing.Total, Math.Min(done, mailing.Total), mailing.Sent + sent, mailing.Failed + _failed, rate,
                rate > 0 ? TimeSpan.FromSeconds((mailing.Total - done) / rate) : null));
        }

        private Task Delay(TimeSpan wait, CancellationToken cancellationToken) =>
            Task.Delay(wait, cancellationToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        private static double TicksToMilliseconds(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;
    }
}
