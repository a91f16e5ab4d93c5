using System.Data.Common;
using CecopComms.Audience.Import.Csv;
using CecopComms.Storage;
using Microsoft.Data.Sqlite;

namespace CecopComms.Audience.Import;

/// <summary>
/// Subscribers into a list: upsert by email key, subscribe, record consent. Refuses, row by row, a second row for the
/// same address, anyone unsubscribed, bounced or blocklisted (respecting an unsubscribe is a legal duty), and a
/// non-member on a members-only list. Per batch a handful of statements, each taking the batch as a JSON array (see
/// import.sql); only an existing subscriber whose data changed costs a statement of its own.
/// </summary>
internal sealed class SubscriberTarget(ImportQueries queries, TimeProvider time, ImportOptions options) : IImportTarget<SubscriberRow>, IDisposable
{
    private readonly List<PreparedCommand> _commands = [];
    private readonly Dictionary<string, long> _batchLines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _earlier = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExistingSubscriber> _existing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
    private readonly List<(SubscriberRow Row, string Status)> _newPeople = [];
    private readonly AttributesJson _json = new();
    private readonly UuidV7Source _uuids = new(time);
    private readonly JsonArrayBuilder _keys = new(), _people = new(), _subscriptions = new(), _consents = new();
    private SubscriberRowParser _parser = null!;
    private ColumnLayout _layout = null!;
    private ListTarget? _list;
    private string _channel = "";
    private EarlierLines _earlierLines = null!;
    private PreparedCommand _find = null!, _insert = null!, _update = null!;
    private PreparedCommand _subscribe = null!, _confirm = null!, _consent = null!, _dropSeen = null!;

    public IReadOnlyList<ImportField> Fields => SubscriberFields.All;

    public async Task PrepareAsync(SqliteConnection connection, ColumnLayout layout, string fileName, CancellationToken cancellationToken)
    {
        _channel = fileName;
        _layout = layout;
        if (options.ListSlug is { } slug)
        {
            using var get = new PreparedCommand(connection, queries.GetList, "$slug");
            get["$slug"] = slug;
            await using var reader = await get.ReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
                throw new ImportException($"The list '{slug}' does not exist, so '{fileName}' cannot be imported into it.");
            _list = new ListTarget(reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3));
        }

        var organisations = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var all = new PreparedCommand(connection, queries.GetOrganisations))
        {
            await using var reader = await all.ReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) organisations[reader.GetString(1)] = reader.GetInt64(0);
        }
        _parser = new SubscriberRowParser(layout, organisations, options.ConsentWordingVersion);

        using (var widen = new PreparedCommand(connection, queries.WidenCache)) await widen.ExecuteAsync(cancellationToken);
        using (var create = new PreparedCommand(connection, queries.CreateSeen)) await create.ExecuteAsync(cancellationToken);
        _dropSeen = Command(connection, queries.DropSeen + "\n" + queries.RestoreCache);
        _earlierLines = new EarlierLines(Command(connection, queries.MarkSeen, "$rows"), Command(connection, queries.MarkRuns, "$rows"));
        _find = Command(connection, queries.FindSubscribers, "$list", "$keys");
        _insert = Command(connection, queries.InsertSubscribers, "$rows", "$now");
        _update = Command(connection, queries.UpdateSubscriber, "$id", "$name", "$language", "$organisation", "$attributes", "$now");
        _subscribe = Command(connection, queries.InsertSubscriptions, "$list", "$rows", "$now");
        _confirm = Command(connection, queries.ConfirmSubscription, "$list", "$subscriber", "$now");
        _consent = Command(connection, queries.InsertConsents, "$list", "$channel", "$rows", "$now");
    }

    public bool TryParse(CsvRecord record, out SubscriberRow row, out RowError? error) => _parser.TryParse(record, out row, out error);

    public async Task WriteAsync(DbTransaction transaction, IReadOnlyList<SubscriberRow> rows, ImportCounts counts, List<RowError> errors, CancellationToken cancellationToken)
    {
        foreach (var command in _commands) command.Transaction = transaction;
        var now = DbTime.ToText(time.GetUtcNow());
        await FindAsync(rows, cancellationToken);

        _newPeople.Clear();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = row.Email.Key;
            var first = _earlier.TryGetValue(key, out var line) ? line : _batchLines[key];
            if (first != row.Line)
            {
                errors.Add(new RowError(row.Line, _layout.ColumnOf(SubscriberFields.Email), $"the address {row.Email.Email} is already on line {first} of this file", row.Raw));
                continue;
            }
            var stored = _existing.GetValueOrDefault(key);
            var status = _list?.StatusFor(row.Consent);
            var refusal = Refusal(row, stored);
            if (stored is null && refusal is null)
            {
                _newPeople.Add((row, status ?? ""));
                counts.Inserted++;
                continue;
            }
            _earlierLines.Seen(key, row.Line);
            if (refusal is not null) { errors.Add(refusal); continue; }
            var changed = await UpdateAsync(row, stored!, now, cancellationToken);
            var subscribed = status is not null && await SubscribeExistingAsync(row, stored!, status, now, cancellationToken);
            if (changed || subscribed) counts.Updated++;
            else counts.Unchanged++;
        }
        await InsertNewAsync(now, cancellationToken);
        await SubscribeAndRecordConsentAsync(now, cancellationToken);
        await _earlierLines.FlushAsync(cancellationToken);
    }

    private RowError? Refusal(SubscriberRow row, ExistingSubscriber? stored)
    {
        if (stored is not null && stored.Status != "active")
            return new RowError(row.Line, _layout.ColumnOf(SubscriberFields.Email),
                $"skipped: {row.Email.Email} is {stored.Status} and an import never reactivates a subscriber", row.Raw);
        if (_list is null) return null;
        if (stored?.SubscriptionStatus == "unsubscribed")
            return new RowError(row.Line, _layout.ColumnOf(SubscriberFields.Email),
                $"skipped: {row.Email.Email} unsubscribed from '{_list.Slug}'{(stored.UnsubscribedAt is { } at ? " on " + at[..10] : "")} and an import never resubscribes anyone", row.Raw);
        if (_list.MembersOnly && (row.OrganisationId ?? stored?.OrganisationId) is null)
            return new RowError(row.Line, _layout.ColumnOf(SubscriberFields.Organisation),
                $"'{_list.Slug}' is for members only, and neither the row nor the subscriber's record names a member organisation", row.Raw);
        return null;
    }

    /// <summary>
    /// Fills <see cref="_batchLines"/> (each address's first line in the batch), <see cref="_earlier"/> (addresses an
    /// earlier batch had, with its line) and <see cref="_existing"/> (stored subscribers) for the batch's addresses.
    /// </summary>
    private async Task FindAsync(IReadOnlyList<SubscriberRow> rows, CancellationToken cancellationToken)
    {
        _batchLines.Clear();
        _earlier.Clear();
        _existing.Clear();
        foreach (var row in rows)
            if (_batchLines.TryAdd(row.Email.Key, row.Line)) _keys.Next().WriteStringValue(row.Email.Key);
        _find["$list"] = _list?.Id;
        _find["$keys"] = _keys.Finish();
        await using var reader = await _find.ReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            if (!reader.IsDBNull(9)) _earlier[key] = reader.GetInt64(9);
            if (reader.IsDBNull(1)) continue;
            _existing[key] = new ExistingSubscriber(
                reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8));
        }
    }

    /// <summary>Inserts the batch's new subscribers in one statement and queues their subscriptions.</summary>
    private async Task InsertNewAsync(string now, CancellationToken cancellationToken)
    {
        if (_newPeople.Count == 0) return;
        foreach (var (row, _) in _newPeople)
        {
            var person = _people.Next();
            person.WriteStartArray();
            person.WriteStringValue(_uuids.Next());
            person.WriteStringValue(row.Email.Email);
            person.WriteStringValue(row.Email.Key);
            person.WriteStringValue(row.Name ?? "");
            person.WriteStringValue(row.Language ?? "en");
            if (row.OrganisationId is { } organisation) person.WriteNumberValue(organisation);
            else person.WriteNullValue();
            person.WriteStringValue(_json.Write(row.Attributes));
            person.WriteEndArray();
        }
        _insert["$rows"] = _people.Finish();
        _insert["$now"] = now;
        var ids = _ids;
        ids.Clear();
        await using (var reader = await _insert.ReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) ids[reader.GetString(1)] = reader.GetInt64(0);
        foreach (var (row, status) in _newPeople)
        {
            var id = ids[row.Email.Key];
            _earlierLines.Inserted(id, row.Line);
            if (_list is not null) Queue(id, status, row.Wording);
        }
    }

    /// <summary>Writes only when a value differs, so a second import of the same file leaves updated_at alone.</summary>
    private async Task<bool> UpdateAsync(SubscriberRow row, ExistingSubscriber stored, string now, CancellationToken cancellationToken)
    {
        var name = row.Name ?? stored.Name;
        var language = row.Language ?? stored.Language;
        var organisation = row.OrganisationId ?? stored.OrganisationId;
        var attributesChanged = AttributesJson.TryMerge(stored.Attributes, row.Attributes, out var attributes);
        if (!attributesChanged && name == stored.Name && language == stored.Language && organisation == stored.OrganisationId) return false;
        _update["$id"] = stored.Id;
        _update["$name"] = name;
        _update["$language"] = language;
        _update["$organisation"] = organisation;
        _update["$attributes"] = attributes;
        _update["$now"] = now;
        await _update.ExecuteAsync(cancellationToken);
        return true;
    }

    /// <summary>Queues a subscription for someone known but not on the list; confirms an unconfirmed one the file now gives consent for.</summary>
    private async Task<bool> SubscribeExistingAsync(SubscriberRow row, ExistingSubscriber stored, string status, string now, CancellationToken cancellationToken)
    {
        if (stored.SubscriptionStatus is null)
        {
            Queue(stored.Id, status, row.Wording);
            return true;
        }
        if (stored.SubscriptionStatus != "unconfirmed" || status != "confirmed") return false;
        _confirm["$list"] = _list!.Id;
        _confirm["$subscriber"] = stored.Id;
        _confirm["$now"] = now;
        await _confirm.ExecuteAsync(cancellationToken);
        QueueConsent(stored.Id, row.Wording);
        return true;
    }

    private void Queue(long id, string status, string wording)
    {
        var subscription = _subscriptions.Next();
        subscription.WriteStartObject();
        subscription.WriteNumber("id", id);
        subscription.WriteString("status", status);
        subscription.WriteEndObject();
        // Consent is recorded when a subscription is confirmed; an unconfirmed one gets its record at opt-in.
        if (status == "confirmed") QueueConsent(id, wording);
    }

    private void QueueConsent(long id, string wording)
    {
        var consent = _consents.Next();
        consent.WriteStartObject();
        consent.WriteNumber("id", id);
        consent.WriteString("wording", wording);
        consent.WriteEndObject();
    }

    private async Task SubscribeAndRecordConsentAsync(string now, CancellationToken cancellationToken)
    {
        if (_subscriptions.Count > 0)
        {
            _subscribe["$list"] = _list!.Id;
            _subscribe["$rows"] = _subscriptions.Finish();
            _subscribe["$now"] = now;
            await _subscribe.ExecuteAsync(cancellationToken);
        }
        if (_consents.Count > 0)
        {
            _consent["$list"] = _list!.Id;
            _consent["$channel"] = _channel;
            _consent["$rows"] = _consents.Finish();
            _consent["$now"] = now;
            await _consent.ExecuteAsync(cancellationToken);
        }
    }

    /// <summary>Drops the scratch table and gives the pooled connection its default cache back.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        _dropSeen.Transaction = null;
        await _dropSeen.ExecuteAsync(cancellationToken);
    }

    private PreparedCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = new PreparedCommand(connection, sql, parameters);
        _commands.Add(command);
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands) command.Dispose();
    }
}
