using System.Globalization;
using CecopComms.Audience.Segments;
using CecopComms.Storage;
using CsvHelper;
using Dapper;

namespace CecopComms.Audience;

/// <summary>
/// Finds subscribers by text, list, status, country and language, a page at a time, and exports what it finds in the
/// columns of `cecop subscribers export`. Status, country and language are segment conditions, so they are checked and
/// matched exactly as a segment's are.
/// </summary>
public sealed class SubscriberSearch(Database database, ListStore lists)
{
    private readonly SubscriberSearchQueries _queries = QueryLoader.Load<SubscriberSearchQueries>(database.Dialect, "subscriber-search");
    private readonly SegmentSqlCompiler _compiler = new(QueryLoader.Load<SegmentQueries>(database.Dialect, "segments"));

    /// <summary>One page (counted from 1; past the end it is empty) of the people found, by e-mail, and how many were found in all.</summary>
    /// <exception cref="AudienceException">The list does not exist, or a status, country or language is not valid.</exception>
    public async Task<(IReadOnlyList<ExportRow> Rows, long Total)> FindAsync(SubscriberCriteria criteria, int page, int pageSize, CancellationToken cancellationToken)
    {
        if (pageSize < 1) throw new ArgumentOutOfRangeException(nameof(pageSize), "A page holds at least one row.");
        var (count, countParameters) = await CompileAsync(_queries.CountSubscribersFound, criteria, cancellationToken);
        var (find, parameters) = await CompileAsync(_queries.FindSubscribers, criteria, cancellationToken);
        parameters.Add("Limit", pageSize);
        parameters.Add("Offset", (long)(Math.Max(page, 1) - 1) * pageSize);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(count, countParameters, cancellationToken: cancellationToken));
        var rows = (await connection.QueryAsync<ExportRow>(new CommandDefinition(find, parameters, cancellationToken: cancellationToken))).AsList();
        return (rows, total);
    }

    /// <summary>Writes everyone found as CSV (header first, the columns of <see cref="ExportRow.Header"/>) and returns how many.</summary>
    /// <exception cref="AudienceException">The list does not exist, or a status, country or language is not valid.</exception>
    public async Task<int> ExportAsync(SubscriberCriteria criteria, TextWriter output, CancellationToken cancellationToken)
    {
        var (find, parameters) = await CompileAsync(_queries.FindSubscribers, criteria, cancellationToken);
        parameters.Add("Limit", -1); // SQLite: no limit
        parameters.Add("Offset", 0);
        var rows = await database.QueryListAsync<ExportRow>(find, parameters, cancellationToken);
        await using var csv = CsvWriter.Create(output, Import.Csv.SpreadsheetCsv.Options);
        csv.WriteHeader(ExportRow.Header);
        foreach (var row in rows) await csv.WriteRecordAsync(row.ToFields(), cancellationToken);
        return rows.Count;
    }

    private async Task<(string Sql, DynamicParameters Parameters)> CompileAsync(string query, SubscriberCriteria criteria, CancellationToken cancellationToken)
    {
        var list = Blank(criteria.List);
        if (list is not null) await lists.GetAsync(list, cancellationToken);
        var conditions = new List<string>();
        if (Blank(criteria.Status) is { } status) conditions.Add("status=" + status);
        if (Blank(criteria.Country) is { } country) conditions.Add("country=" + country);
        if (Blank(criteria.Language) is { } language) conditions.Add("language=" + language);
        var filter = conditions.Count == 0 ? new SegmentFilter([]) : SegmentFilterParser.Parse(conditions);
        var (sql, parameters) = _compiler.Compile(query, filter);
        parameters.Add("Text", Blank(criteria.Text)?.ToLowerInvariant(), System.Data.DbType.String);
        parameters.Add("List", list, System.Data.DbType.String);
        return (sql, parameters);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
