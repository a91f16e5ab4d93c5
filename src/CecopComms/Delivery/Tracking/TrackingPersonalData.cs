using System.Data.Common;
using CecopComms.Audience;
using CecopComms.Storage;
using Dapper;

namespace CecopComms.Delivery.Tracking;

/// <summary>
/// The events table's part of a person's data: the opens, clicks and unsubscribes recorded for them, in the GDPR export.
/// Erasure leaves the rows as they are: they hold no address or name, only the subscriber's id and the mailing's own
/// link, and once the subscriber row is anonymised (a new uuid, so old tracking links no longer name anyone) they
/// describe no one, while each mailing's counts and unique reach stay right.
/// </summary>
public sealed class TrackingPersonalData(Database database) : IPersonalDataHolder
{
    private readonly TrackingQueries _queries = QueryLoader.Load<TrackingQueries>(database.Dialect, "tracking");

    public string Name => "events";

    public async Task<object> ExportAsync(long subscriberId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(new CommandDefinition(_queries.EventsOfSubscriber, new { SubscriberId = subscriberId }, cancellationToken: cancellationToken));
        // Dapper's dynamic rows serialise as key/value pairs; a plain dictionary serialises as a JSON object.
        return rows.Select(row => new Dictionary<string, object?>((IDictionary<string, object?>)row, StringComparer.Ordinal)).ToList();
    }

    public Task EraseAsync(DbConnection connection, DbTransaction transaction, long subscriberId, CancellationToken cancellationToken) => Task.CompletedTask;
}
