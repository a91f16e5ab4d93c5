using CecopComms.Storage;
using Microsoft.Data.Sqlite;

namespace CecopComms.Bench.Delivery;

/// <summary>Writes N confirmed, active subscribers of external-newsletter straight into a fresh database.</summary>
internal static class SubscriberRows
{
    private static readonly string[] Languages = ["en", "fr", "it", "es", "pl", "pt"];

    public static async Task InsertAsync(Database database, int count, CancellationToken cancellationToken)
    {
        await using var connection = (SqliteConnection)await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var list = connection.CreateCommand();
        list.Transaction = transaction;
        list.CommandText = "SELECT id FROM lists WHERE slug = 'external-newsletter'";
        var listId = (long)(await list.ExecuteScalarAsync(cancellationToken))!;
        await using var subscriber = connection.CreateCommand();
        subscriber.Transaction = transaction;
        subscriber.CommandText = "INSERT INTO subscribers (uuid, email, email_key, name, language, attributes, status, created_at, updated_at) " +
            "VALUES ($uuid, $email, $email, $name, $language, '{}', 'active', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z') RETURNING id";
        var uuid = subscriber.Parameters.Add("$uuid", SqliteType.Text);
        var email = subscriber.Parameters.Add("$email", SqliteType.Text);
        var name = subscriber.Parameters.Add("$name", SqliteType.Text);
        var language = subscriber.Parameters.Add("$language", SqliteType.Text);
        await using var subscription = connection.CreateCommand();
        subscription.Transaction = transaction;
        subscription.CommandText = "INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, confirmed_at, updated_at) " +
            "VALUES ($list, $id, 'confirmed', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')";
        subscription.Parameters.AddWithValue("$list", listId);
        var id = subscription.Parameters.Add("$id", SqliteType.Integer);
        for (var i = 0; i < count; i++)
        {
            uuid.Value = Guid.NewGuid().ToString();
            email.Value = $"reader{i}@members{i % 50}.example";
            name.Value = $"Reader {i}";
            language.Value = Languages[i % Languages.Length];
            id.Value = (long)(await subscriber.ExecuteScalarAsync(cancellationToken))!;
            await subscription.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
