using CecopComms.Storage;
using CecopComms.Hosting;

namespace CecopComms.Audience.Segments;

/// <summary>Segments: create (checking the lists they name), find, list, count live, read recipients and export rows.</summary>
public sealed class SegmentStore(Database database, TimeProvider time, ListStore lists)
{
    private readonly SegmentQueries _queries = QueryLoader.Load<SegmentQueries>(database.Dialect, "segments");
    private SegmentSqlCompiler Compiler => new(_queries);

    /// <exception cref="AudienceException">The slug is taken or malformed, the name is empty, or the filter names an unknown list.</exception>
    public async Task<Segment> CreateAsync(string slug, string name, SegmentFilter filter, CancellationToken cancellationToken)
    {
        Slugs.Check(slug, "segment");
        if (string.IsNullOrWhiteSpace(name)) throw new AudienceException("A segment needs a name.").WithCliHint("Give it with --name.");
        if (await FindAsync(slug, cancellationToken) is not null) throw new AudienceException($"A segment with the slug '{slug}' already exists.");
        foreach (var list in filter.All.Where(c => c.Field == "list").SelectMany(c => c.Values))
            await lists.GetAsync(list, cancellationToken);
        await database.ExecuteScalarAsync<long>(_queries.InsertSegment,
            new { Slug = slug, Name = name.Trim(), Filter = filter.ToJson(), Now = time.GetUtcNow() }, cancellationToken);
        return (await FindAsync(slug, cancellationToken))!;
    }

    public Task<Segment?> FindAsync(string slug, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<Segment>(_queries.GetSegment, new { Slug = slug }, cancellationToken);

    /// <exception cref="AudienceException">There is no segment with this slug.</exception>
    public async Task<Segment> GetAsync(string slug, CancellationToken cancellationToken) =>
        await FindAsync(slug, cancellationToken)
        ?? throw new AudienceException($"There is no segment '{slug}'.").WithCliHint("`cecop segments list` shows them.");

    public Task<IReadOnlyList<Segment>> ListAsync(CancellationToken cancellationToken) =>
        database.QueryListAsync<Segment>(_queries.ListSegments, null, cancellationToken);

    /// <summary>How many subscribers (any status, not erased) match the filter now.</summary>
    public async Task<long> CountAsync(SegmentFilter filter, CancellationToken cancellationToken)
    {
        var (sql, parameters) = Compiler.Compile(_queries.CountSegment, filter);
        return await database.ExecuteScalarAsync<long>(sql, parameters, cancellationToken);
    }

    /// <summary>Who a mailing to the segment reaches: matching, active, not erased.</summary>
    public Task<IReadOnlyList<Recipient>> RecipientsAsync(SegmentFilter filter, CancellationToken cancellationToken) =>
        QueryAsync<Recipient>(_queries.SegmentRecipients, filter, cancellationToken);

    /// <summary>Every matching subscriber, for export.</summary>
    public Task<IReadOnlyList<ExportRow>> ExportRowsAsync(SegmentFilter filter, CancellationToken cancellationToken) =>
        QueryAsync<ExportRow>(_queries.SegmentExportRows, filter, cancellationToken);

    /// <summary>
    /// Writes the segment's matching people as CSV, header first (<see cref="ExportRow.SegmentHeader"/>: with the lists each
    /// is confirmed on), formula-like text escaped as in every export; returns how many.
    /// </summary>
    public async Task<int> WriteCsvAsync(Segment segment, TextWriter output, CancellationToken cancellationToken)
    {
        var rows = await ExportRowsAsync(SegmentFilter.FromJson(segment.Filter), cancellationToken);
        await using var csv = CsvHelper.CsvWriter.Create(output, Import.Csv.SpreadsheetCsv.Options);
        csv.WriteHeader(ExportRow.SegmentHeader);
        foreach (var row in rows) await csv.WriteRecordAsync(row.ToSegmentFields(), cancellationToken);
        return rows.Count;
    }

    private Task<IReadOnlyList<T>> QueryAsync<T>(string query, SegmentFilter filter, CancellationToken cancellationToken)
    {
        var (sql, parameters) = Compiler.Compile(query, filter);
        return database.QueryListAsync<T>(sql, parameters, cancellationToken);
    }
}
