using System.Data.Common;
using CecopComms.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace CecopComms.Delivery.Bounces;

/// <summary>
/// The one place that decides what a bounce does to a person: a hard bounce marks them bounced at once; a soft one is
/// counted, and <see cref="BounceMailboxOptions.SoftBounceThreshold"/> soft bounces within
/// <see cref="BounceMailboxOptions.SoftBounceWindowDays"/> mark them bounced. A bounced person gets no more mail (the
/// audience takes only active people, and the sender skips anyone no longer active). Used by the sender for SMTP 5xx
/// refusals and by <see cref="BounceProcessor"/> for reports read in the bounce mailbox, each inside its own transaction.
/// </summary>
public sealed class BounceRecorder
{
    private readonly BounceQueries _queries;
    private readonly BounceMailboxOptions _options;

    public BounceRecorder(Database database, IOptions<BounceMailboxOptions> options)
    {
        _queries = QueryLoader.Load<BounceQueries>(database.Dialect, "bounces");
        _options = options.Value;
    }

    /// <summary>Records a bounce and applies the rules, in the caller's transaction.</summary>
    public async Task<BounceRecording> RecordAsync(DbConnection connection, DbTransaction transaction, NewBounce bounce, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(_queries.InsertBounce, new
        {
            MailingId = bounce.MailingId is > 0 ? bounce.MailingId : null,
            bounce.SubscriberId,
            Kind = Text(bounce.Kind),
            bounce.Code,
            bounce.Reply,
            bounce.Source,
            bounce.ReportId,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        if (id is null) return BounceRecording.NotRecorded;

        var bounced = bounce.Kind == BounceKind.Hard
            || await connection.ExecuteScalarAsync<long>(new CommandDefinition(_queries.CountRecentSoft,
                new { bounce.SubscriberId, Since = now - TimeSpan.FromDays(_options.SoftBounceWindowDays) }, transaction,
                cancellationToken: cancellationToken)) >= _options.SoftBounceThreshold;
        if (!bounced) return BounceRecording.Recorded;
        var changed = await connection.ExecuteAsync(new CommandDefinition(_queries.MarkSubscriberBounced,
            new { bounce.SubscriberId, Now = now }, transaction, cancellationToken: cancellationToken));
        return changed > 0 ? BounceRecording.SubscriberBounced : BounceRecording.Recorded;
    }

    /// <summary>A recipient refused for good while sending (SMTP 5xx on RCPT): a hard bounce of the ledger row's person.</summary>
    public async Task<BounceRecording> RecordRefusalAsync(DbConnection connection, DbTransaction transaction, long ledgerId, string code, string reply,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(long MailingId, long SubscriberId)?>(new CommandDefinition(_queries.LedgerRow,
            new { Id = ledgerId }, transaction, cancellationToken: cancellationToken));
        if (row is not { } found) return BounceRecording.NotRecorded;
        return await RecordAsync(connection, transaction, new NewBounce(found.MailingId, found.SubscriberId, BounceKind.Hard, code, reply, "smtp", null),
            now, cancellationToken);
    }

    /// <summary>The stored form of a kind: "hard" or "soft".</summary>
    public static string Text(BounceKind kind) => kind == BounceKind.Hard ? "hard" : "soft";
}
