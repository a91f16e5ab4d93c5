using System.Data.Common;
using CecopComms.Audience.Import.Csv;
using CecopComms.Storage;

namespace CecopComms.Audience.Import;

/// <summary>
/// Member organisations: upsert by name key. CECOP has tens of members, so the stored organisations and the names
/// met in the file are held in memory. A sheet of contacts repeats each organisation on every contact's row: a later row
/// for the same name with the same details is counted as repeated; one that contradicts the first row is refused.
/// </summary>
internal sealed class OrganisationTarget(ImportQueries queries, TimeProvider time, bool postgres) : IImportTarget<OrganisationRow>, IDisposable
{
    private readonly Dictionary<string, OrganisationRow> _stored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrganisationRow> _seen = new(StringComparer.Ordinal);
    private OrganisationRowParser _parser = null!;
    private ColumnLayout _layout = null!;
    private PreparedCommand _insert = null!, _update = null!;

    public IReadOnlyList<ImportField> Fields => OrganisationFields.All;

    public async Task PrepareAsync(DbConnection connection, ColumnLayout layout, string fileName, CancellationToken cancellationToken)
    {
        _parser = new OrganisationRowParser(layout);
        _layout = layout;
        using (var all = new PreparedCommand(connection, queries.GetOrganisations))
        {
            await using var reader = await all.ReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = reader.GetString(1);
                _ids[key] = reader.GetInt64(0);
                _stored[key] = new OrganisationRow(0, "", reader.GetString(2), key, reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5));
            }
        }
        _insert = new PreparedCommand(connection, queries.InsertOrganisation, "@name", "@key", "@country", "@category", "@website", "@now");
        _update = new PreparedCommand(connection, queries.UpdateOrganisation, "@id", "@name", "@country", "@category", "@website", "@now");
    }

    public bool TryParse(CsvRecord record, out OrganisationRow row, out RowError? error)
    {
        if (!_parser.TryParse(record, out row, out error)) return false;
        if (_seen.TryAdd(row.Key, row)) return true;
        var first = _seen[row.Key];
        var (field, differs) = row.Country != first.Country ? (OrganisationFields.Country, $"country {first.Country}")
            : row.Category != first.Category ? (OrganisationFields.Category, $"category '{first.Category}'")
            : row.Website is not null && row.Website != first.Website ? (OrganisationFields.Website, first.Website is null ? "no website" : $"website {first.Website}")
            : ("", null);
        if (differs is null)
        {
            row = row with { Repeated = true };
            return true;
        }
        error = new RowError(row.Line, _layout.ColumnOf(field), $"the organisation '{row.Name}' is on line {first.Line} of this file with {differs}, and this row says otherwise", row.Raw);
        return false;
    }

    public async Task WriteAsync(DbTransaction transaction, IReadOnlyList<OrganisationRow> rows, ImportCounts counts, List<RowError> errors, CancellationToken cancellationToken)
    {
        _insert.Transaction = _update.Transaction = transaction;
        var now = ImportClock.Now(time, postgres);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (row.Repeated)
            {
                counts.Repeated++;
                continue;
            }
            if (!_stored.TryGetValue(row.Key, out var stored))
            {
                Bind(_insert, row, row.Website, now);
                _insert["@key"] = row.Key;
                await _insert.ScalarAsync(cancellationToken);
                counts.Inserted++;
                continue;
            }
            var website = row.Website ?? stored.Website;
            if (row.Name == stored.Name && row.Country == stored.Country && row.Category == stored.Category && website == stored.Website)
            {
                counts.Unchanged++;
                continue;
            }
            Bind(_update, row, website, now);
            _update["@id"] = _ids[row.Key];
            await _update.ExecuteAsync(cancellationToken);
            counts.Updated++;
        }
    }

    private static void Bind(PreparedCommand command, OrganisationRow row, string? website, object now)
    {
        command["@name"] = row.Name;
        command["@country"] = row.Country;
        command["@category"] = row.Category;
        command["@website"] = website;
        command["@now"] = now;
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _insert?.Dispose();
        _update?.Dispose();
    }
}
