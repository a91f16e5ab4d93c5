using System.Data.Common;
using System.Text.Json;
using CecopComms.Delivery.Bounces;
using CecopComms.Storage;
using Dapper;

namespace CecopComms.Delivery;

/// <summary>
/// One sender run's connection to a mailing's ledger. Every call runs on this one connection, one at a time, which keeps
/// SQLite's locking simple while workers send in parallel. Each call commits before it returns, so what it marked
/// survives a crash of the process.
/// </summary>
/// <remarks>
/// Rows are claimed in batches, each under a claim of its own ("owner/run/batch") that holds them until a time set by
/// the database's clock. The run renews its live claims while it works, confirms a row's claim just before handing it to
/// the transport, and every mark applies only while the row is still under the claim that sent it: a run that stalled
/// past its claims finds its rows taken and neither sends nor marks them.
/// </remarks>
public sealed class LedgerSession : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly bool _postgres;
    private readonly LedgerQueries _queries;
    private readonly MailingQueries _mailings;
    private readonly BounceRecorder _bounces;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LedgerClaims _terms;
    private readonly string _run;
    // The claim each row of this run is held under, from its claim until its mark; under the gate.
    private readonly Dictionary<long, string> _held = [];
    private int _batches;

    internal LedgerSession(DbConnection connection, LedgerQueries queries, MailingQueries mailings, BounceRecorder bounces, TimeProvider time, long mailingId,
        string owner, LedgerClaims terms)
    {
        _connection = connection;
        _postgres = connection is Npgsql.NpgsqlConnection;
        _queries = queries;
        _mailings = mailings;
        _bounces = bounces;
        _time = time;
        _terms = terms;
        _run = $"{owner}/{Guid.NewGuid():N}";
        MailingId = mailingId;
    }

    public long MailingId { get; }

    /// <summary>Rows this session took over from a claim that ran out (a sender that died or stalled): the only possible second copies.</summary>
    public int TakenOver { get; private set; }

    /// <summary>Opens a session of sender <paramref name="owner"/> on the mailing's ledger, claiming rows on <paramref name="terms"/>.</summary>
    /// <remarks>A refused recipient's hard bounce is recorded by the BounceRecorder given, by the same rules as the bounce mailbox's reports.</remarks>
    public static async Task<LedgerSession> OpenAsync(Database database, TimeProvider time, long mailingId, BounceRecorder bounces, string owner, LedgerClaims terms,
        CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        return new LedgerSession(connection, QueryLoader.Load<LedgerQueries>(database.Dialect, "ledger"),
            QueryLoader.Load<MailingQueries>(database.Dialect, "mailings"), bounces, time, mailingId, owner, terms);
    }

    /// <summary>Takes or renews the sender's lease on the mailing, by the database's clock; false when a live sender holds it.</summary>
    public Task<bool> TakeLeaseAsync(string owner, TimeSpan length, CancellationToken cancellationToken) => RunAsync(async () =>
        await _connection.ExecuteAsync(new CommandDefinition(_mailings.TakeLease,
            new { Id = MailingId, Owner = owner, For = LedgerClaims.Modifier(length), ForSeconds = length.TotalSeconds }, cancellationToken: cancellationToken)) > 0);

    public Task ReleaseLeaseAsync(string owner, CancellationToken cancellationToken) => RunAsync(() =>
        _connection.ExecuteAsync(new CommandDefinition(_mailings.ReleaseLease, new { Id = MailingId, Owner = owner }, cancellationToken: cancellationToken)));

    /// <summary>The mailing's state now (another process may have paused or cancelled it).</summary>
    public Task<(MailingStatus Status, string? Reason)> StatusAsync(CancellationToken cancellationToken) => RunAsync(async () =>
    {
        var row = await _connection.QuerySingleAsync<(string Status, string? Reason)>(new CommandDefinition(_mailings.GetStatus, new { Id = MailingId }, cancellationToken: cancellationToken));
        return (Enum.Parse<MailingStatus>(row.Status, ignoreCase: true), row.Reason);
    });

    /// <summary>Moves the mailing from <paramref name="from"/> to <paramref name="to"/>; false when it was not in that state.</summary>
    public Task<bool> SetStatusAsync(MailingStatus from, MailingStatus to, string? reason, CancellationToken cancellationToken) => RunAsync(async () =>
        await _connection.ExecuteAsync(new CommandDefinition(_mailings.SetStatus, new
        {
            Id = MailingId, From = new[] { MailingStore.Text(from) }, To = MailingStore.Text(to), Reason = reason, Now = _time.GetUtcNow(),
        }, cancellationToken: cancellationToken)) > 0);

    /// <summary>
    /// Claims up to <paramref name="limit"/> next rows under a new claim (committed: 'sending', claimed until the database's now
    /// plus the claim length) and returns them with their recipients. Rows whose claim ran out are taken over.
    /// </summary>
    public Task<IReadOnlyList<ClaimedRecipient>> ClaimAsync(int limit, CancellationToken cancellationToken) => RunAsync<IReadOnlyList<ClaimedRecipient>>(async () =>
    {
        var now = _time.GetUtcNow();
        var claim = $"{_run}/{++_batches}";
        List<long> ids;
        if (_postgres)
        {
            // One statement chooses and marks the rows (FOR UPDATE SKIP LOCKED): other nodes claim at the same time.
            var claimed = (await _connection.QueryAsync<(long Id, bool TakenOver)>(new CommandDefinition(_queries.Claim, new
            {
                MailingId, Limit = limit, Claim = claim, ClaimSeconds = _terms.Claim.TotalSeconds, Now = now,
            }, cancellationToken: cancellationToken))).AsList();
            if (claimed.Count == 0) return [];
            ids = claimed.Select(c => c.Id).Order().ToList();
            TakenOver += claimed.Count(c => c.TakenOver);
        }
        else
        {
            // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): the rows chosen are still free when they are updated.
            await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
            var free = (await _connection.QueryAsync<(long Id, bool TakenOver)>(new CommandDefinition(_queries.Claimable,
                new { MailingId, Limit = limit, Now = now }, transaction, cancellationToken: cancellationToken))).AsList();
            if (free.Count == 0) return [];
            ids = (await _connection.QueryAsync<long>(new CommandDefinition(_queries.Claim, new
            {
                Ids = JsonSerializer.Serialize(free.Select(f => f.Id)), Claim = claim, ClaimFor = LedgerClaims.Modifier(_terms.Claim), Now = now,
            }, transaction, cancellationToken: cancellationToken))).AsList();
            await transaction.CommitAsync(cancellationToken);
            TakenOver += free.Count(f => f.TakenOver);
        }
        foreach (var id in ids) _held[id] = claim;
        return (await _connection.QueryAsync<ClaimedRecipient>(new CommandDefinition(_queries.ClaimedRecipients,
            new { Ids = JsonSerializer.Serialize(ids), IdList = ids.ToArray() }, cancellationToken: cancellationToken))).AsList();
    });

    /// <summary>
    /// Just before <paramref name="ledgerId"/> is handed to the transport: true when its claim is still this run's and has
    /// not run out by the database's clock; the row is then held for the handoff length. False: the row was lost, do not send it.
    /// </summary>
    public Task<bool> ConfirmClaimAsync(long ledgerId, CancellationToken cancellationToken) => RunAsync(async () =>
        _held.TryGetValue(ledgerId, out var claim)
        && await _connection.ExecuteAsync(new CommandDefinition(_queries.ConfirmClaim,
            new { Id = ledgerId, Claim = claim, HandoffFor = LedgerClaims.Modifier(_terms.Handoff), HandoffSeconds = _terms.Handoff.TotalSeconds }, cancellationToken: cancellationToken)) > 0);

    /// <summary>Extends this run's claims that have not run out; returns how many rows they hold.</summary>
    public Task<int> RenewClaimsAsync(CancellationToken cancellationToken) => RunAsync(async () =>
    {
        if (_held.Count == 0) return 0;
        var claims = _held.Values.Distinct().ToArray();
        return await _connection.ExecuteAsync(new CommandDefinition(_queries.RenewClaims, new
        {
            MailingId, Claims = JsonSerializer.Serialize(claims), ClaimList = claims,
            ClaimFor = LedgerClaims.Modifier(_terms.Claim), ClaimSeconds = _terms.Claim.TotalSeconds,
        }, cancellationToken: cancellationToken));
    });

    /// <summary>
    /// Writes outcomes in one transaction: sent, retry, failed, bounced (with the bounce and the person's status), skipped,
    /// released. Each applies only while its row is still under this run's claim; returns the rows whose mark did not apply
    /// because the claim was lost (the row is another sender's now, and stays as that sender marks it).
    /// </summary>
    public Task<IReadOnlyList<long>> WriteAsync(IReadOnlyList<DeliveryOutcome> outcomes, CancellationToken cancellationToken) => RunAsync<IReadOnlyList<long>>(async () =>
    {
        if (outcomes.Count == 0) return [];
        var now = _time.GetUtcNow();
        var lost = new List<long>();
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        foreach (var o in outcomes)
        {
            var claim = _held.GetValueOrDefault(o.LedgerId, "");
            var applied = o.Kind switch
            {
                OutcomeKind.Sent => await Execute(_queries.MarkSent, new { Id = o.LedgerId, Claim = claim, o.Reply, o.MessageId, Now = now }),
                OutcomeKind.Retry => await Execute(_queries.MarkRetry, new { Id = o.LedgerId, Claim = claim, o.Reply, NextAttemptAt = o.RetryAt ?? now, Now = now }),
                OutcomeKind.Failed or OutcomeKind.Bounced => await Execute(_queries.MarkFailed, new { Id = o.LedgerId, Claim = claim, o.Reply, Now = now }),
                OutcomeKind.Skipped => await Execute(_queries.MarkSkipped, new { Id = o.LedgerId, Claim = claim, o.Reply, Now = now }),
                OutcomeKind.Released => await Execute(_queries.Release, new { Id = o.LedgerId, Claim = claim, Now = now }),
                _ => 0,
            } > 0;
            if (!applied)
            {
                lost.Add(o.LedgerId);
                continue;
            }
            if (o.Kind == OutcomeKind.Bounced)
                await _bounces.RecordRefusalAsync(_connection, transaction, o.LedgerId, o.Code ?? "550", o.Reply ?? "", now, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        foreach (var o in outcomes) _held.Remove(o.LedgerId);
        return lost;

        Task<int> Execute(string sql, object parameters) =>
            _connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
    });

    /// <summary>A cancelled mailing: rows still pending or waiting for a retry are skipped.</summary>
    public Task<int> SkipWaitingAsync(CancellationToken cancellationToken) => RunAsync(() =>
        _connection.ExecuteAsync(new CommandDefinition(_queries.SkipWaiting, new { MailingId, Now = _time.GetUtcNow() }, cancellationToken: cancellationToken)));

    /// <summary>Rows still to send: pending, sending or retry.</summary>
    public Task<long> RemainingAsync(CancellationToken cancellationToken) => RunAsync(() =>
        _connection.ExecuteScalarAsync<long>(new CommandDefinition(_queries.Remaining, new { MailingId }, cancellationToken: cancellationToken)));

    /// <summary>When the earliest retry is due, or null.</summary>
    public Task<DateTimeOffset?> NextRetryAtAsync(CancellationToken cancellationToken) => RunAsync(async () =>
    {
        // Text on SQLite, a timestamptz on PostgreSQL; NULL when no retry waits.
        var value = await _connection.ExecuteScalarAsync<object?>(new CommandDefinition(_queries.NextRetryAt, new { MailingId }, cancellationToken: cancellationToken));
        return value is null or DBNull ? (DateTimeOffset?)null : new DbTimeTypeHandler().Parse(value);
    });

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }

    private async Task<T> RunAsync<T>(Func<Task<T>> body)
    {
        await _gate.WaitAsync();
        try { return await body(); }
        finally { _gate.Release(); }
    }
}
