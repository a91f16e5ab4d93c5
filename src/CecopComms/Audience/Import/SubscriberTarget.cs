using System.Data.Common;
using System.Text.Json;
using CecopComms.Audience.Import.Csv;
using CecopComms.Storage;
using Microsoft.Data.Sqlite;

namespace CecopComms.Audience.Import;

/// <summary>
/// Subscribers into a list: upsert by email key, subscribe, record consent. Refuses, row by row, a second row for the
/// same address, anyone unsubscribed, bounced or blocklisted (respecting an unsubscribe is a legal duty), and a
/// non-member on a members-only list. Per batch: one lookup of the batch's addresses, then one statement per change.
/// </summary>
internal sealed class SubscriberTarget(ImportQueries queries, TimeProvider time, ImportOptions options) : IImportTarget<SubscriberRow>, IDisposable
{
    private readonly List<PreparedCommand> _commands = [];
    private readonly List<SubscriberRow> _fresh = [];
    private readonly AttributesJson _json = new();
    private SubscriberRowParser _parser = null!;
    private ColumnLayout _layout = null!;
    private ListTarget? _list;
    private string _channel = "";
    private PreparedCommand _markSeen = null!, _seenLine = null!, _find = null!, _insert = null!, _update = null!;
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

        using (var create = new PreparedCommand(connection, queries.CreateSeen)) await create.ExecuteAsync(cancellationToken);
        _dropSeen = Command(connection, queries.DropSeen);
        _markSeen = Command(connection, queries.MarkSeen, "$key", "$line");
        _seenLine = Command(connection, queries.SeenLine, "$key");
        _find = Command(connection, queries.FindSubscribers, "$list", "$keys");
        _insert = Command(connection, queries.InsertSubscriber, "$uuid", "$email", "$key", "$name", "$language", "$organisation", "$attributes", "$now");
        _update = Command(connection, queries.UpdateSubscriber, "$id", "$name", "$language", "$organisation", "$attributes", "$now");
        _subscribe = Command(connection, queries.InsertSubscription, "$list", "$subscriber", "$status", "$now", "$confirmed_at");
        _confirm = Command(connection, queries.ConfirmSubscription, "$list", "$subscriber", "$now");
        _consent = Command(connection, queries.InsertConsent, "$subscriber", "$list", "$channel", "$wording", "$now");
    }

    public bool TryParse(CsvRecord record, out SubscriberRow row, out RowError? error) => _parser.TryParse(record, out row, out error);

    public async Task WriteAsync(DbTransaction transaction, IReadOnlyList<SubscriberRow> rows, ImportCounts counts, List<RowError> errors, CancellationToken cancellationToken)
    {
        foreach (var command in _commands) command.Transaction = transaction;
        var now = DbTime.ToText(time.GetUtcNow());

        _fresh.Clear();
        foreach (var row in rows)
        {
            _markSeen["$key"] = row.Email.Key;
            _markSeen["$line"] = row.Line;
            if (await _markSeen.ExecuteAsync(cancellationToken) == 1) { _fresh.Add(row); continue; }
            _seenLine["$key"] = row.Email.Key;
            var first = await _seenLine.ScalarAsync(cancellationToken);
            errors.Add(new RowError(row.Line, _layout.ColumnOf(SubscriberFields.Email), $"the address {row.Email.Email} is already on line {first} of this file", row.Raw));
        }

        var existing = await FindAsync(cancellationToken);
        foreach (var row in _fresh)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stored = existing.GetValueOrDefault(row.Email.Key);
            if (Refusal(row, stored) is { } refusal) { errors.Add(refusal); continue; }

            var (id, changed) = stored is null ? (await InsertAsync(row, now, cancellationToken), true) : (stored.Id, await UpdateAsync(row, stored, now, cancellationToken));
            var subscribed = _list is not null && await SubscribeAsync(row, id, stored?.SubscriptionStatus, now, cancellationToken);
            if (stored is null) counts.Inserted++;
            else if (changed || subscribed) counts.Updated++;
            else counts.Unchanged++;
        }
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

    private async Task<Dictionary<string, ExistingSubscriber>> FindAsync(CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ExistingSubscriber>(StringComparer.Ordinal);
        if (_fresh.Count == 0) return found;
        _find["$list"] = _list?.Id;
        _find["$keys"] = JsonSerializer.Serialize(_fresh.Select(r => r.Email.Key));
        await using var reader = await _find.ReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            found[reader.GetString(1)] = new ExistingSubscriber(
                reader.GetInt64(0), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8));
        return found;
    }

    private async Task<long> InsertAsync(SubscriberRow row, string now, CancellationToken cancellationToken)
    {
        _insert["$uuid"] = Guid.NewGuid().ToString();
        _insert["$email"] = row.Email.Email;
        _insert["$key"] = row.Email.Key;
        _insert["$name"] = row.Name ?? "";
        _insert["$language"] = row.Language ?? "en";
        _insert["$organisation"] = row.OrganisationId;
        _insert["$attributes"] = _json.Write(row.Attributes);
        _insert["$now"] = now;
        return await _insert.ScalarAsync(cancellationToken) ?? throw new InvalidOperationException("INSERT … RETURNING id returned no id.");
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

    /// <summary>Subscribes, or confirms an unconfirmed subscription the file now gives consent for; records consent when confirmed.</summary>
    private async Task<bool> SubscribeAsync(SubscriberRow row, long id, string? current, string now, CancellationToken cancellationToken)
    {
        var list = _list!;
        var status = list.StatusFor(row.Consent);
        if (current is null)
        {
            _subscribe["$list"] = list.Id;
            _subscribe["$subscriber"] = id;
            _subscribe["$status"] = status;
            _subscribe["$now"] = now;
            _subscribe["$confirmed_at"] = status == "confirmed" ? now : null;
            await _subscribe.ExecuteAsync(cancellationToken);
        }
        else if (current == "unconfirmed" && status == "confirmed")
        {
            _confirm["$list"] = list.Id;
            _confirm["$subscriber"] = id;
            _confirm["$now"] = now;
            await _confirm.ExecuteAsync(cancellationToken);
        }
        else return false;

        if (status == "confirmed")
        {
            _consent["$subscriber"] = id;
            _consent["$list"] = list.Id;
            _consent["$channel"] = _channel;
            _consent["$wording"] = row.Wording;
            _consent["$now"] = now;
            await _consent.ExecuteAsync(cancellationToken);
        }
        return true;
    }

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
