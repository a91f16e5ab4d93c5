using System.Data.Common;
using CecopComms.Audience.Import.Csv;

namespace CecopComms.Audience.Import;

/// <summary>
/// Subscribers into a list: upsert by email key, subscribe, record consent. Refuses, row by row, a second row for the
/// same address, anyone unsubscribed, bounced or blocklisted (respecting an unsubscribe is a legal duty), and a
/// non-member on a members-only list. This class decides each row's outcome, the same on every database, from what one
/// look-up per batch found; <see cref="SqliteSubscriberTarget"/> and <see cref="PostgresSubscriberTarget"/> look up and
/// write a batch each in their own way.
/// </summary>
internal abstract class SubscriberTarget(ImportQueries queries, TimeProvider time, ImportOptions options, bool postgres) : IImportTarget<SubscriberRow>, IDisposable
{
    private readonly List<PreparedCommand> _commands = [];
    private readonly Dictionary<string, long> _batchLines = new(StringComparer.Ordinal);
    private SubscriberRowParser _parser = null!;
    private ColumnLayout _layout = null!;

    protected ImportQueries Queries => queries;
    protected UuidV7Source Uuids { get; } = new(time);
    protected AttributesJson Json { get; } = new();
    protected ListTarget? List { get; private set; }
    protected string Channel { get; private set; } = "";

    /// <summary>Each distinct address of the batch with the line it first appears on in the batch.</summary>
    protected IReadOnlyDictionary<string, long> BatchLines => _batchLines;

    /// <summary>Addresses an earlier row of the file had (an earlier batch, or this one in a dry run), with that row's line.</summary>
    protected Dictionary<string, long> Earlier { get; } = new(StringComparer.Ordinal);

    /// <summary>What the database holds for the batch's addresses.</summary>
    protected Dictionary<string, ExistingSubscriber> Existing { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<ImportField> Fields => SubscriberFields.All;

    public async Task PrepareAsync(DbConnection connection, ColumnLayout layout, string fileName, CancellationToken cancellationToken)
    {
        Channel = fileName;
        _layout = layout;
        if (options.ListSlug is { } slug)
        {
            using var get = new PreparedCommand(connection, queries.GetList, "@slug");
            get["@slug"] = slug;
            await using var reader = await get.ReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
                throw new ImportException($"The list '{slug}' does not exist, so '{fileName}' cannot be imported into it.");
            List = new ListTarget(reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3));
        }

        var organisations = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var all = new PreparedCommand(connection, queries.GetOrganisations))
        {
            await using var reader = await all.ReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) organisations[reader.GetString(1)] = reader.GetInt64(0);
        }
        _parser = new SubscriberRowParser(layout, organisations, options.ConsentWordingVersion);

        await PrepareBatchesAsync(connection, cancellationToken);
    }

    /// <summary>Makes the import's scratch tables and prepares the statements a batch runs (<see cref="Command"/>).</summary>
    protected abstract Task PrepareBatchesAsync(DbConnection connection, CancellationToken cancellationToken);

    public bool TryParse(CsvRecord record, out SubscriberRow row, out RowError? error) => _parser.TryParse(record, out row, out error);

    public async Task WriteAsync(DbTransaction transaction, IReadOnlyList<SubscriberRow> rows, ImportCounts counts, List<RowError> errors, CancellationToken cancellationToken)
    {
        foreach (var command in _commands) command.Transaction = transaction;
        var now = ImportClock.Now(time, postgres);
        _batchLines.Clear();
        Earlier.Clear();
        Existing.Clear();
        foreach (var row in rows) _batchLines.TryAdd(row.Email.Key, row.Line);
        await FindAsync(transaction, cancellationToken);

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = row.Email.Key;
            var first = Earlier.TryGetValue(key, out var line) ? line : _batchLines[key];
            if (first != row.Line)
            {
                errors.Add(new RowError(row.Line, _layout.ColumnOf(SubscriberFields.Email), $"the address {row.Email.Email} is already on line {first} of this file", row.Raw));
                continue;
            }
            var stored = Existing.GetValueOrDefault(key);
            var status = List?.StatusFor(row.Consent);
            var refusal = Refusal(row, stored);
            if (stored is null && refusal is null)
            {
                AddNew(row, status);
                counts.Inserted++;
                continue;
            }
            Seen(key, row.Line);
            if (refusal is not null) { errors.Add(refusal); continue; }
            var changed = await UpdateAsync(row, stored!, now, cancellationToken);
            var subscribed = status is not null && await SubscribeExistingAsync(row, stored!, status, now, cancellationToken);
            if (changed || subscribed) counts.Updated++;
            else counts.Unchanged++;
        }
        await FlushAsync(transaction, now, cancellationToken);
    }

    /// <summary>Fills <see cref="Earlier"/> and <see cref="Existing"/> for the addresses of <see cref="BatchLines"/>.</summary>
    protected abstract Task FindAsync(DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Reads find-subscribers (the same columns on both databases): address, the stored subscriber's id, name, language,
    /// organisation, attributes and status, its subscription's status and unsubscribe date, and the earlier line.
    /// </summary>
    protected async Task ReadFoundAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            if (!reader.IsDBNull(9)) Earlier[key] = reader.GetInt64(9);
            if (reader.IsDBNull(1)) continue;
            Existing[key] = new ExistingSubscriber(
                reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8));
        }
    }

    /// <summary>A row that will insert a new subscriber, subscribed with <paramref name="status"/> when there is a list.</summary>
    protected abstract void AddNew(SubscriberRow row, string? status);

    /// <summary>A row that inserts no subscriber: it met a stored one, or was refused.</summary>
    protected abstract void Seen(string emailKey, long line);

    /// <summary>Stores changed details of a stored subscriber.</summary>
    protected abstract Task UpdateAsync(long id, string name, string language, long? organisation, string attributes, object now, CancellationToken cancellationToken);

    /// <summary>Confirms a stored subscriber's unconfirmed subscription to the list.</summary>
    protected abstract Task ConfirmAsync(long id, object now, CancellationToken cancellationToken);

    /// <summary>Subscribes a stored subscriber to the list.</summary>
    protected abstract void Subscribe(long id, string status, string wording);

    /// <summary>Records consent for a stored subscriber whose subscription the file confirms.</summary>
    protected abstract void RecordConsent(long id, string wording);

    /// <summary>Writes what the batch queued.</summary>
    protected abstract Task FlushAsync(DbTransaction transaction, object now, CancellationToken cancellationToken);

    private RowError? Refusal(SubscriberRow row, ExistingSubscriber? stored)
    {
        if (stored is not null && stored.Status != "active")
            return new RowError(row.Line, _layout.ColumnOf(SubscriberFields.Email),
                $"skipped: {row.Email.Email} is {stored.Status} and an import never reactivates a subscriber", row.Raw);
        if (List is null) return null;
        if (stored?.SubscriptionStatus == "unsubscribed")
            return new RowError(row.Line, _layout.ColumnOf(SubscriberFields.Email),
                $"skipped: {row.Email.Email} unsubscribed from '{List.Slug}'{(stored.UnsubscribedAt is { } at ? " on " + at[..10] : "")} and an import never resubscribes anyone", row.Raw);
        if (List.MembersOnly && (row.OrganisationId ?? stored?.OrganisationId) is null)
            return new RowError(row.Line, _layout.ColumnOf(SubscriberFields.Organisation),
                $"'{List.Slug}' is for members only, and neither the row nor the subscriber's record names a member organisation", row.Raw);
        return null;
    }

    /// <summary>Writes only when a value differs, so a second import of the same file leaves updated_at alone.</summary>
    private async Task<bool> UpdateAsync(SubscriberRow row, ExistingSubscriber stored, object now, CancellationToken cancellationToken)
    {
        var name = row.Name ?? stored.Name;
        var language = row.Language ?? stored.Language;
        var organisation = row.OrganisationId ?? stored.OrganisationId;
        var attributesChanged = AttributesJson.TryMerge(stored.Attributes, row.Attributes, out var attributes);
        if (!attributesChanged && name == stored.Name && language == stored.Language && organisation == stored.OrganisationId) return false;
        await UpdateAsync(stored.Id, name, language, organisation, attributes, now, cancellationToken);
        return true;
    }

    /// <summary>Queues a subscription for someone known but not on the list; confirms an unconfirmed one the file now gives consent for.</summary>
    private async Task<bool> SubscribeExistingAsync(SubscriberRow row, ExistingSubscriber stored, string status, object now, CancellationToken cancellationToken)
    {
        if (stored.SubscriptionStatus is null)
        {
            Subscribe(stored.Id, status, row.Wording);
            return true;
        }
        if (stored.SubscriptionStatus != "unconfirmed" || status != "confirmed") return false;
        await ConfirmAsync(stored.Id, now, cancellationToken);
        RecordConsent(stored.Id, row.Wording);
        return true;
    }

    /// <summary>Drops the scratch tables and gives the pooled connection its default cache back.</summary>
    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    /// <summary>A statement the batches run, bound to each batch's transaction and disposed with the target.</summary>
    protected PreparedCommand Command(DbConnection connection, string sql, params string[] parameters)
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
