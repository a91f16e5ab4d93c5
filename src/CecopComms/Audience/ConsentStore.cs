using System.Data.Common;
using CecopComms.Storage;
using Dapper;

namespace CecopComms.Audience;

/// <summary>Consent records of a subscriber.</summary>
public sealed class ConsentStore(Database database)
{
    private readonly ConsentQueries _queries = QueryLoader.Load<ConsentQueries>(database.Dialect, "consents");

    public Task<IReadOnlyList<Consent>> ForSubscriberAsync(long subscriberId, CancellationToken cancellationToken) =>
        database.QueryListAsync<Consent>(_queries.ConsentsOfSubscriber, new { SubscriberId = subscriberId }, cancellationToken);

    internal Task RecordAsync(DbConnection connection, DbTransaction transaction, long subscriberId, long? listId, NewConsent consent, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(_queries.InsertConsent, new
        {
            SubscriberId = subscriberId,
            ListId = listId,
            consent.Source,
            consent.Channel,
            consent.WordingVersion,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));

    internal Task EraseChannelsAsync(DbConnection connection, DbTransaction transaction, long subscriberId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(_queries.EraseConsentChannels, new { SubscriberId = subscriberId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Marks the person's consents for <paramref name="listId"/> (or, when null, all of them) withdrawn.</summary>
    internal Task WithdrawAsync(DbConnection connection, DbTransaction transaction, long subscriberId, long? listId, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(_queries.WithdrawConsents, new { SubscriberId = subscriberId, ListId = listId, Now = now }, transaction, cancellationToken: cancellationToken));
}
