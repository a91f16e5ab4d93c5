using System.Data.Common;
using CecopComms.Audience;
using CecopComms.Storage;
using Dapper;

namespace CecopComms.Delivery;

/// <summary>
/// Delivery's part of a person's data: the messages sent to them (ledger rows) and their bounces. Erasure keeps the
/// rows, so a mailing's counts stay right, and drops the server replies, which usually quote the address.
/// </summary>
public sealed class DeliveryPersonalData(Database database) : IPersonalDataHolder
{
    private readonly DeliveryPersonalDataQueries _queries = QueryLoader.Load<DeliveryPersonalDataQueries>(database.Dialect, "deliveries");

    public string Name => "deliveries";

    public async Task<object> ExportAsync(long subscriberId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var messages = await connection.QueryAsync(new CommandDefinition(_queries.MessagesOfSubscriber, new { SubscriberId = subscriberId }, cancellationToken: cancellationToken));
        var bounces = await connection.QueryAsync(new CommandDefinition(_queries.BouncesOfSubscriber, new { SubscriberId = subscriberId }, cancellationToken: cancellationToken));
        return new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            ["messages"] = messages.Select(Row).ToList(),
            ["bounces"] = bounces.Select(Row).ToList(),
        };
    }

    public async Task EraseAsync(DbConnection connection, DbTransaction transaction, long subscriberId, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(_queries.EraseLedgerReplies, new { SubscriberId = subscriberId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(_queries.EraseBounceReplies, new { SubscriberId = subscriberId }, transaction, cancellationToken: cancellationToken));
    }

    // Dapper's dynamic rows serialise as key/value pairs; a plain dictionary serialises as a JSON object.
    private static IDictionary<string, object?> Row(dynamic row) => new Dictionary<string, object?>((IDictionary<string, object?>)row, StringComparer.Ordinal);
}
