using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace CecopComms.Audience.Import;

/// <summary>
/// The PostgreSQL side of <see cref="SubscriberTarget"/>. Per batch: one look-up taking the batch's addresses as an
/// array; binary COPY of the new subscribers, of the changed details and of the subscription work into temp staging
/// tables; then one round trip of set-based statements (see Storage/Sql/postgres/import.sql). Nothing costs a statement
/// per row.
/// </summary>
internal sealed class PostgresSubscriberTarget(ImportQueries queries, TimeProvider time, ImportOptions options)
    : SubscriberTarget(queries, time, options, postgres: true)
{
    private readonly List<(SubscriberRow Row, string? Status)> _newPeople = [];
    private readonly List<Change> _changes = [];
    private readonly List<Link> _links = [];
    private readonly List<long> _confirmed = [];
    private NpgsqlConnection _connection = null!;
    private NpgsqlCommand _find = null!, _write = null!;

    protected override async Task PrepareBatchesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        _connection = (NpgsqlConnection)connection;
        await using (var create = new NpgsqlCommand(Queries.CreateSeen, _connection)) await create.ExecuteNonQueryAsync(cancellationToken);
        _find = new NpgsqlCommand(Queries.FindSubscribers, _connection);
        _find.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text));
        _find.Parameters.Add(new NpgsqlParameter("list", NpgsqlDbType.Bigint));
        _write = new NpgsqlCommand(string.Join("\n", Queries.InsertSubscribers, Queries.UpdateSubscriber, Queries.InsertSubscriptions,
            Queries.ConfirmSubscription, Queries.InsertConsents, Queries.MarkSeen), _connection);
        _write.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz));
        _write.Parameters.Add(new NpgsqlParameter("list", NpgsqlDbType.Bigint));
        _write.Parameters.Add(new NpgsqlParameter("channel", NpgsqlDbType.Text) { Value = Channel });
        _write.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text));
        _write.Parameters.Add(new NpgsqlParameter("lines", NpgsqlDbType.Array | NpgsqlDbType.Bigint));
        _write.Parameters.Add(new NpgsqlParameter("changed", NpgsqlDbType.Array | NpgsqlDbType.Bigint));
        _write.Parameters.Add(new NpgsqlParameter("confirmed", NpgsqlDbType.Array | NpgsqlDbType.Bigint));
    }

    protected override async Task FindAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        _newPeople.Clear();
        _changes.Clear();
        _links.Clear();
        _confirmed.Clear();
        var keys = BatchLines.Keys.ToArray();
        _find.Transaction = _write.Transaction = (NpgsqlTransaction)transaction;
        _find.Parameters["keys"].Value = keys;
        _find.Parameters["list"].Value = (object?)List?.Id ?? DBNull.Value;
        _write.Parameters["keys"].Value = keys;
        _write.Parameters["lines"].Value = BatchLines.Values.ToArray();
        await using var reader = await _find.ExecuteReaderAsync(cancellationToken);
        await ReadFoundAsync(reader, cancellationToken);
    }

    protected override void AddNew(SubscriberRow row, string? status) => _newPeople.Add((row, status));

    // import_seen gets every address of the batch in mark-seen.
    protected override void Seen(string emailKey, long line) { }

    protected override Task UpdateAsync(long id, string name, string language, long? organisation, string attributes, object now, CancellationToken cancellationToken)
    {
        _changes.Add(new Change(id, name, language, organisation, attributes));
        return Task.CompletedTask;
    }

    protected override Task ConfirmAsync(long id, object now, CancellationToken cancellationToken)
    {
        _confirmed.Add(id);
        return Task.CompletedTask;
    }

    // Consent is recorded when a subscription is confirmed; an unconfirmed one gets its record at opt-in.
    protected override void Subscribe(long id, string status, string wording) => _links.Add(new Link(id, status, status == "confirmed" ? wording : null));

    protected override void RecordConsent(long id, string wording) => _links.Add(new Link(id, null, wording));

    protected override async Task FlushAsync(DbTransaction transaction, object now, CancellationToken cancellationToken)
    {
        if (_newPeople.Count > 0)
        {
            await using var copy = await _connection.BeginBinaryImportAsync(
                "COPY import_new (line, uuid, email, email_key, name, language, organisation_id, attributes, status, wording) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var (row, status) in _newPeople)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(row.Line, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(Uuids.Next().ToString(), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Email.Email, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Email.Key, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Name ?? "", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Language ?? "en", NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, row.OrganisationId, cancellationToken);
                await copy.WriteAsync(Json.Write(row.Attributes), NpgsqlDbType.Jsonb, cancellationToken);
                await WriteNullableAsync(copy, status, cancellationToken);
                await copy.WriteAsync(row.Wording, NpgsqlDbType.Text, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        if (_changes.Count > 0)
        {
            await using var copy = await _connection.BeginBinaryImportAsync(
                "COPY import_changes (id, name, language, organisation_id, attributes) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var change in _changes)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(change.Id, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(change.Name, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(change.Language, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, change.Organisation, cancellationToken);
                await copy.WriteAsync(change.Attributes, NpgsqlDbType.Jsonb, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        if (_links.Count > 0)
        {
            await using var copy = await _connection.BeginBinaryImportAsync(
                "COPY import_links (subscriber_id, subscribe, wording) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var link in _links)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(link.Id, NpgsqlDbType.Bigint, cancellationToken);
                await WriteNullableAsync(copy, link.Subscribe, cancellationToken);
                await WriteNullableAsync(copy, link.Wording, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        _write.Parameters["changed"].Value = _changes.Select(c => c.Id).ToArray();
        _write.Parameters["confirmed"].Value = _confirmed.ToArray();
        _write.Parameters["now"].Value = now;
        _write.Parameters["list"].Value = (object?)List?.Id ?? DBNull.Value;
        await _write.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
    {
        if (value is null) await copy.WriteNullAsync(cancellationToken);
        else await copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, long? value, CancellationToken cancellationToken)
    {
        if (value is { } number) await copy.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken);
        else await copy.WriteNullAsync(cancellationToken);
    }

    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await using var drop = new NpgsqlCommand(Queries.DropSeen, _connection);
        await drop.ExecuteNonQueryAsync(cancellationToken);
        await _find.DisposeAsync();
        await _write.DisposeAsync();
    }

    /// <summary>New details for a stored subscriber.</summary>
    private readonly record struct Change(long Id, string Name, string Language, long? Organisation, string Attributes);

    /// <summary>Subscription work for a subscriber: subscribe with a status and/or record consent with a wording.</summary>
    private readonly record struct Link(long Id, string? Subscribe, string? Wording);
}
