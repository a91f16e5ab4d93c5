using System.Data.Common;
using System.Text.Json;
using CecopComms.Audience;
using CecopComms.Content;
using CecopComms.Storage;
using Dapper;
using CecopComms.Hosting;

namespace CecopComms.Delivery;

/// <summary>Mailings: create one with its whole ledger, read them with their counts, change their state, lease them to a sender.</summary>
public sealed class MailingStore(Database database, TimeProvider time)
{
    /// <summary>Ledger rows written per statement when a mailing is created.</summary>
    public const int LedgerBatchSize = 5_000;

    private readonly MailingQueries _queries = QueryLoader.Load<MailingQueries>(database.Dialect, "mailings");
    private readonly LedgerQueries _ledger = QueryLoader.Load<LedgerQueries>(database.Dialect, "ledger");

    /// <summary>
    /// Creates a mailing and writes every recipient to its ledger as pending, in one transaction, before anything is sent.
    /// A person listed twice gets one row.
    /// </summary>
    /// <exception cref="MailingException">The source already has a mailing that was not cancelled.</exception>
    public async Task<Mailing> CreateAsync(MailingSource source, string title, ResolvedAudience audience, IReadOnlyList<Recipient> recipients,
        MailingStatus status, CancellationToken cancellationToken, Func<DbConnection, DbTransaction, long, Task>? alsoWrite = null)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sourceKind = source.Kind == MailingSourceKind.Edition ? "edition" : "campaign-mailing";
        // An edition goes out once: a second send would mail every reader again. The partial unique index
        // mailings_one_live_per_source (migration 0033) holds the same rule against concurrent starts.
        var live = await connection.QuerySingleOrDefaultAsync<(long Id, string Status)?>(new CommandDefinition(_queries.LiveMailingForSource,
            new { SourceKind = sourceKind, SourceId = source.Id }, transaction, cancellationToken: cancellationToken));
        if (live is { } existing)
            throw new MailingException($"{title} ({source}) already has mailing {existing.Id}, which is {existing.Status}: an edition or campaign mailing is sent once.")
                .WithCliHint($"See it with `cecop mailings show {existing.Id}`; `cecop mailings resume` or `retry-failed` finish it, and `cecop mailings cancel {existing.Id}` frees the edition for a new send.");
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_queries.InsertMailing, new
        {
            SourceKind = sourceKind,
            SourceId = source.Id,
            Title = title,
            Audience = audience.ToString(),
            ListId = audience.List?.Id,
            Status = Text(status),
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        for (var start = 0; start < recipients.Count; start += LedgerBatchSize)
        {
            var batch = recipients.Skip(start).Take(LedgerBatchSize).Select(r => r.Id).ToArray();
            await connection.ExecuteAsync(new CommandDefinition(_ledger.InsertRecipients,
                new { MailingId = id, Ids = JsonSerializer.Serialize(batch), IdList = batch, Now = now }, transaction, cancellationToken: cancellationToken));
        }
        await connection.ExecuteAsync(new CommandDefinition(_queries.SetTotal, new { Id = id, Now = now }, transaction, cancellationToken: cancellationToken));
        // What belongs with the mailing (its numbered links) is committed with it: a running mailing is visible to every
        // sender the moment this commits, and its first message must already find them.
        if (alsoWrite is not null) await alsoWrite(connection, transaction, id);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>The mailing, other than a cancelled one, that <paramref name="source"/> already has (it is sent once), or null.</summary>
    public async Task<(long Id, string Status)?> LiveMailingAsync(MailingSource source, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<(long Id, string Status)?>(new CommandDefinition(_queries.LiveMailingForSource,
            new { SourceKind = source.Kind == MailingSourceKind.Edition ? "edition" : "campaign-mailing", SourceId = source.Id }, cancellationToken: cancellationToken));
    }

    /// <summary>Every source ("edition:12", "campaign-mailing:4") with a mailing that is not cancelled: these are never offered for sending again.</summary>
    public async Task<IReadOnlySet<string>> SourcesWithLiveMailingAsync(CancellationToken cancellationToken) =>
        (await database.QueryListAsync<string>(_queries.SourcesWithLiveMailing, null, cancellationToken)).ToHashSet(StringComparer.Ordinal);

    public Task<Mailing?> FindAsync(long id, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<Mailing>(_queries.GetMailing, new { Id = id }, cancellationToken);

    /// <exception cref="MailingException">There is no mailing with this id.</exception>
    public async Task<Mailing> GetAsync(long id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) ?? throw new MailingException($"There is no mailing {id}.").WithCliHint("`cecop mailings list` shows them.");

    /// <summary>The latest mailings first, optionally only those in one state.</summary>
    public Task<IReadOnlyList<Mailing>> ListAsync(MailingStatus? status, int limit, CancellationToken cancellationToken) =>
        database.QueryListAsync<Mailing>(_queries.ListMailings, new { Status = status is { } s ? Text(s) : null, Limit = limit }, cancellationToken);

    /// <summary>Rows of a mailing, optionally in one state, in ledger order.</summary>
    public Task<IReadOnlyList<LedgerRow>> RowsAsync(long mailingId, LedgerStatus? status, int limit, CancellationToken cancellationToken) =>
        database.QueryListAsync<LedgerRow>(_ledger.ListRows, new { MailingId = mailingId, Status = status?.ToString().ToLowerInvariant(), Limit = limit }, cancellationToken);

    /// <summary>Stops sending within a second; resume continues where it stopped.</summary>
    /// <exception cref="MailingException">No such mailing, or it is not running or scheduled.</exception>
    public Task<Mailing> PauseAsync(long id, string? reason, CancellationToken cancellationToken) =>
        MoveAsync(id, [MailingStatus.Running, MailingStatus.Scheduled], MailingStatus.Paused, reason ?? "paused by hand", cancellationToken);

    /// <exception cref="MailingException">No such mailing, or it is not paused or scheduled.</exception>
    public Task<Mailing> ResumeAsync(long id, CancellationToken cancellationToken) =>
        MoveAsync(id, [MailingStatus.Paused, MailingStatus.Scheduled, MailingStatus.Running], MailingStatus.Running, null, cancellationToken);

    /// <summary>Stops sending within a second and skips every recipient not yet sent.</summary>
    /// <exception cref="MailingException">No such mailing, or it already finished or was cancelled.</exception>
    public async Task<Mailing> CancelAsync(long id, CancellationToken cancellationToken)
    {
        var mailing = await MoveAsync(id, [MailingStatus.Running, MailingStatus.Paused, MailingStatus.Scheduled], MailingStatus.Cancelled, "cancelled by hand", cancellationToken);
        await database.ExecuteScalarAsync<long>(_ledger.SkipWaiting, new { MailingId = id, Now = time.GetUtcNow() }, cancellationToken);
        return await GetAsync(mailing.Id, cancellationToken);
    }

    /// <summary>Puts failed rows (of people still active) back to pending and the mailing back to running; returns how many.</summary>
    /// <exception cref="MailingException">No such mailing, or it was cancelled.</exception>
    public async Task<(Mailing Mailing, int Requeued)> RetryFailedAsync(long id, CancellationToken cancellationToken)
    {
        var mailing = await GetAsync(id, cancellationToken);
        if (mailing.Status == MailingStatus.Cancelled) throw new MailingException($"Mailing {id} was cancelled; its failed rows stay failed.");
        await using var connection = await database.OpenAsync(cancellationToken);
        var requeued = await connection.ExecuteAsync(new CommandDefinition(_ledger.RetryFailed, new { MailingId = id, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        if (requeued > 0 && mailing.Status is MailingStatus.Finished or MailingStatus.Paused)
            await SetStatusAsync(id, [mailing.Status], MailingStatus.Running, null, cancellationToken);
        return (await GetAsync(id, cancellationToken), requeued);
    }

    /// <summary>Moves the mailing from one of <paramref name="from"/> to <paramref name="to"/>; false when it was in none of them.</summary>
    public async Task<bool> SetStatusAsync(long id, IReadOnlyList<MailingStatus> from, MailingStatus to, string? reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(_queries.SetStatus, new
        {
            Id = id, From = from.Select(Text).ToArray(), To = Text(to), Reason = reason, Now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Running mailings no live sender holds, oldest first.</summary>
    public Task<IReadOnlyList<long>> RunnableAsync(CancellationToken cancellationToken) =>
        database.QueryListAsync<long>(_queries.RunnableMailings, null, cancellationToken);

    internal static string Text(MailingStatus status) => status.ToString().ToLowerInvariant();

    private async Task<Mailing> MoveAsync(long id, MailingStatus[] from, MailingStatus to, string? reason, CancellationToken cancellationToken)
    {
        var mailing = await GetAsync(id, cancellationToken);
        if (mailing.Status == to && to != MailingStatus.Running) return mailing;
        if (!await SetStatusAsync(id, from, to, reason, cancellationToken))
            throw new MailingException($"Mailing {id} is {Text(mailing.Status)}: it cannot be {Verb(to)}.");
        return await GetAsync(id, cancellationToken);
    }

    private static string Verb(MailingStatus to) => to switch
    {
        MailingStatus.Paused => "paused",
        MailingStatus.Running => "resumed",
        MailingStatus.Cancelled => "cancelled",
        _ => Text(to),
    };
}
