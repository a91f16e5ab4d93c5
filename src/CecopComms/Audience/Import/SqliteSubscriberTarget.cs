using System.Data.Common;

namespace CecopComms.Audience.Import;

/// <summary>
/// The SQLite side of <see cref="SubscriberTarget"/>: per batch a handful of statements, each taking the batch as a JSON
/// array (see Storage/Sql/sqlite/import.sql); only an existing subscriber whose data changed costs a statement of its own.
/// </summary>
internal sealed class SqliteSubscriberTarget(ImportQueries queries, TimeProvider time, ImportOptions options)
    : SubscriberTarget(queries, time, options, postgres: false)
{
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
    private readonly List<(SubscriberRow Row, string Status)> _newPeople = [];
    private readonly JsonArrayBuilder _keys = new(), _people = new(), _subscriptions = new(), _consents = new();
    private EarlierLines _earlierLines = null!;
    private PreparedCommand _find = null!, _insert = null!, _update = null!;
    private PreparedCommand _subscribe = null!, _confirm = null!, _consent = null!, _dropSeen = null!;

    protected override async Task PrepareBatchesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using (var widen = new PreparedCommand(connection, Queries.WidenCache)) await widen.ExecuteAsync(cancellationToken);
        using (var create = new PreparedCommand(connection, Queries.CreateSeen)) await create.ExecuteAsync(cancellationToken);
        _dropSeen = Command(connection, Queries.DropSeen + "\n" + Queries.RestoreCache);
        _earlierLines = new EarlierLines(Command(connection, Queries.MarkSeen, "@rows"), Command(connection, Queries.MarkRuns, "@rows"));
        _find = Command(connection, Queries.FindSubscribers, "@list", "@keys");
        _insert = Command(connection, Queries.InsertSubscribers, "@rows", "@now");
        _update = Command(connection, Queries.UpdateSubscriber, "@id", "@name", "@language", "@organisation", "@attributes", "@now");
        _subscribe = Command(connection, Queries.InsertSubscriptions, "@list", "@rows", "@now");
        _confirm = Command(connection, Queries.ConfirmSubscription, "@list", "@subscriber", "@now");
        _consent = Command(connection, Queries.InsertConsents, "@list", "@channel", "@rows", "@now");
    }

    protected override async Task FindAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        _newPeople.Clear();
        foreach (var key in BatchLines.Keys) _keys.Next().WriteStringValue(key);
        _find["@list"] = List?.Id;
        _find["@keys"] = _keys.Finish();
        await using var reader = await _find.ReaderAsync(cancellationToken);
        await ReadFoundAsync(reader, cancellationToken);
    }

    protected override void AddNew(SubscriberRow row, string? status) => _newPeople.Add((row, status ?? ""));

    protected override void Seen(string emailKey, long line) => _earlierLines.Seen(emailKey, line);

    protected override async Task UpdateAsync(long id, string name, string language, long? organisation, string attributes, object now, CancellationToken cancellationToken)
    {
        _update["@id"] = id;
        _update["@name"] = name;
        _update["@language"] = language;
        _update["@organisation"] = organisation;
        _update["@attributes"] = attributes;
        _update["@now"] = now;
        await _update.ExecuteAsync(cancellationToken);
    }

    protected override async Task ConfirmAsync(long id, object now, CancellationToken cancellationToken)
    {
        _confirm["@list"] = List!.Id;
        _confirm["@subscriber"] = id;
        _confirm["@now"] = now;
        await _confirm.ExecuteAsync(cancellationToken);
    }

    protected override void Subscribe(long id, string status, string wording)
    {
        var subscription = _subscriptions.Next();
        subscription.WriteStartObject();
        subscription.WriteNumber("id", id);
        subscription.WriteString("status", status);
        subscription.WriteEndObject();
        // Consent is recorded when a subscription is confirmed; an unconfirmed one gets its record at opt-in.
        if (status == "confirmed") RecordConsent(id, wording);
    }

    protected override void RecordConsent(long id, string wording)
    {
        var consent = _consents.Next();
        consent.WriteStartObject();
        consent.WriteNumber("id", id);
        consent.WriteString("wording", wording);
        consent.WriteEndObject();
    }

    protected override async Task FlushAsync(DbTransaction transaction, object now, CancellationToken cancellationToken)
    {
        await InsertNewAsync(now, cancellationToken);
        await SubscribeAndRecordConsentAsync(now, cancellationToken);
        await _earlierLines.FlushAsync(cancellationToken);
    }

    /// <summary>Inserts the batch's new subscribers in one statement and queues their subscriptions.</summary>
    private async Task InsertNewAsync(object now, CancellationToken cancellationToken)
    {
        if (_newPeople.Count == 0) return;
        foreach (var (row, _) in _newPeople)
        {
            var person = _people.Next();
            person.WriteStartArray();
            person.WriteStringValue(Uuids.Next());
            person.WriteStringValue(row.Email.Email);
            person.WriteStringValue(row.Email.Key);
            person.WriteStringValue(row.Name ?? "");
            person.WriteStringValue(row.Language ?? "en");
            if (row.OrganisationId is { } organisation) person.WriteNumberValue(organisation);
            else person.WriteNullValue();
            person.WriteStringValue(Json.Write(row.Attributes));
            person.WriteEndArray();
        }
        _insert["@rows"] = _people.Finish();
        _insert["@now"] = now;
        var ids = _ids;
        ids.Clear();
        await using (var reader = await _insert.ReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) ids[reader.GetString(1)] = reader.GetInt64(0);
        foreach (var (row, status) in _newPeople)
        {
            var id = ids[row.Email.Key];
            _earlierLines.Inserted(id, row.Line);
            if (List is not null) Subscribe(id, status, row.Wording);
        }
    }

    private async Task SubscribeAndRecordConsentAsync(object now, CancellationToken cancellationToken)
    {
        if (_subscriptions.Count > 0)
        {
            _subscribe["@list"] = List!.Id;
            _subscribe["@rows"] = _subscriptions.Finish();
            _subscribe["@now"] = now;
            await _subscribe.ExecuteAsync(cancellationToken);
        }
        if (_consents.Count > 0)
        {
            _consent["@list"] = List!.Id;
            _consent["@channel"] = Channel;
            _consent["@rows"] = _consents.Finish();
            _consent["@now"] = now;
            await _consent.ExecuteAsync(cancellationToken);
        }
    }

    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        _dropSeen.Transaction = null;
        await _dropSeen.ExecuteAsync(cancellationToken);
    }
}
