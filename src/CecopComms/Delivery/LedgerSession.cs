using System.Data.Common;
using System.Text.Json;
using CecopComms.Delivery.Bounces;
using CecopComms.Storage;
using Dapper;

namespace CecopComms.Delivery;

/// <summary>
/// One sender's connection to a mailing's ledger. Every call runs on this one connection, one at a time: the sender is
/// the mailing's single writer, which keeps SQLite's locking simple while workers send in parallel. Each call commits
/// before it returns, so what it marked survives a crash of the process.
/// </summary>
public sealed class LedgerSession : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly LedgerQueries _queries;
    private readonly MailingQueries _mailings;
    private readonly BounceRecorder _bounces;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    internal LedgerSession(DbConnection connection, LedgerQueries queries, MailingQueries mailings, BounceRecorder bounces, TimeProvider time, long mailingId)
    {
        _connection = connection;
        _queries = queries;
        _mailings = mailings;
        _bounces = bounces;
        _time = time;
        MailingId = mailingId;
    }

    public long MailingId { get; }

    /// <summary>Opens a session on the mailing's ledger.</summary>
    /// <remarks>A refused recipient's hard bounce is recorded by the BounceRecorder given, by the same rules as the bounce mailbox's reports.</remarks>
    public static async Task<LedgerSession> OpenAsync(Database database, TimeProvider time, long mailingId, BounceRecorder bounces, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        return new LedgerSession(connection, QueryLoader.Load<LedgerQueries>(database.Dialect, "ledger"),
            QueryLoader.Load<MailingQueries>(database.Dialect, "mailings"), bounces, time, mailingId);
    }

    /// <summary>Takes or renews the sender's lease on the mailing; false when a live sender holds it.</summary>
    public Task<bool> TakeLeaseAsync(string owner, TimeSpan length, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        var now = _time.GetUtcNow();
        return await _connection.ExecuteAsync(new CommandDefinition(_mailings.TakeLease,
            new { Id = MailingId, Owner = owner, Until = now + length, Now = now }, cancellationToken: cancellationToken)) > 0;
    });

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

    /// <summary>Rows a dead sender left in 'sending' go back to pending; returns how many (the only possible duplicates).</summary>
    public Task<int> RecoverSendingAsync(CancellationToken cancellationToken) => RunAsync(() =>
        _connection.ExecuteAsync(new CommandDefinition(_queries.RecoverSending, new { MailingId, Now = _time.GetUtcNow() }, cancellationToken: cancellationToken)));

    /// <summary>Marks up to <paramref name="limit"/> next rows 'sending' (committed) and returns them with their recipients.</summary>
    public Task<IReadOnlyList<ClaimedRecipient>> ClaimAsync(int limit, CancellationToken cancellationToken) => RunAsync<IReadOnlyList<ClaimedRecipient>>(async () =>
    {
        var now = _time.GetUtcNow();
        var ids = (await _connection.QueryAsync<long>(new CommandDefinition(_queries.Claim, new { MailingId, Limit = limit, Now = now }, cancellationToken: cancellationToken))).AsList();
        if (ids.Count == 0) return [];
        return (await _connection.QueryAsync<ClaimedRecipient>(new CommandDefinition(_queries.ClaimedRecipients,
            new { Ids = JsonSerializer.Serialize(ids) }, cancellationToken: cancellationToken))).AsList();
    });

    /// <summary>Writes outcomes in one transaction: sent, retry, failed, bounced (with the bounce and the person's status), skipped, released.</summary>
    public Task WriteAsync(IReadOnlyList<DeliveryOutcome> outcomes, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        if (outcomes.Count == 0) return 0;
        var now = _time.GetUtcNow();
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
        foreach (var o in outcomes)
        {
            switch (o.Kind)
            {
                case OutcomeKind.Sent:
                    await Execute(_queries.MarkSent, new { Id = o.LedgerId, o.Reply, o.MessageId, Now = now });
                    break;
                case OutcomeKind.Retry:
                    await Execute(_queries.MarkRetry, new { Id = o.LedgerId, o.Reply, NextAttemptAt = o.RetryAt ?? now, Now = now });
                    break;
                case OutcomeKind.Failed:
                    await Execute(_queries.MarkFailed, new { Id = o.LedgerId, o.Reply, Now = now });
                    break;
                case OutcomeKind.Bounced:
                    await Execute(_queries.MarkFailed, new { Id = o.LedgerId, o.Reply, Now = now });
                    await _bounces.RecordRefusalAsync(_connection, transaction, o.LedgerId, o.Code ?? "550", o.Reply ?? "", now, cancellationToken);
                    break;
                case OutcomeKind.Skipped:
                    await Execute(_queries.MarkSkipped, new { Id = o.LedgerId, o.Reply, Now = now });
                    break;
                case OutcomeKind.Released:
                    await Execute(_queries.Release, new { Ids = $"[{o.LedgerId}]", Now = now });
                    break;
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return outcomes.Count;

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
        var text = await _connection.ExecuteScalarAsync<string?>(new CommandDefinition(_queries.NextRetryAt, new { MailingId }, cancellationToken: cancellationToken));
        return text is null ? (DateTimeOffset?)null : DbTime.Parse(text);
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
