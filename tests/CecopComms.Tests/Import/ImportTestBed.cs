using System.Text;
using CecopComms.Audience.Import;
using CecopComms.Audience.Import.Csv;
using CecopComms.Storage;
using CecopComms.Tests.Infrastructure;
using Dapper;

namespace CecopComms.Tests.Import;

/// <summary>A fresh migrated database in a temp workspace, the two importers on a settable clock, and readers for what they left.</summary>
internal sealed class ImportTestBed : IDisposable
{
    private ImportTestBed(TempWorkspace workspace, Database database)
    {
        Workspace = workspace;
        Database = database;
        Subscribers = new SubscriberImporter(database, Clock);
        Organisations = new OrganisationImporter(database, Clock);
    }

    public TempWorkspace Workspace { get; }
    public Database Database { get; }
    public TestClock Clock { get; } = new();
    public SubscriberImporter Subscribers { get; }
    public OrganisationImporter Organisations { get; }
    public string ReportPath => Workspace.Path("errors.csv");

    public static async Task<ImportTestBed> CreateAsync()
    {
        var workspace = new TempWorkspace();
        return new ImportTestBed(workspace, await workspace.OpenDatabaseAsync());
    }

    /// <summary>Writes the file as UTF-8 without BOM (lines joined with \n) and returns its path.</summary>
    public string File(string name, params string[] lines) => Bytes(name, Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

    public string Bytes(string name, byte[] content)
    {
        var path = Workspace.Path(name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public ImportOptions Options(string path, string? list = "external-newsletter", bool dryRun = false, int batchSize = 5000,
        IReadOnlyDictionary<string, string>? map = null) =>
        new(path, list, map ?? new Dictionary<string, string>(), dryRun, ReportPath, batchSize);

    public Task<ImportResult> ImportSubscribersAsync(string path, string? list = "external-newsletter", bool dryRun = false, int batchSize = 5000,
        IReadOnlyDictionary<string, string>? map = null, CancellationToken cancellationToken = default) =>
        Subscribers.ImportAsync(Options(path, list, dryRun, batchSize, map), null, cancellationToken);

    /// <summary>The error report's rows as "line|column|reason".</summary>
    public IReadOnlyList<string> Report()
    {
        using var source = CsvSource.Open(ReportPath);
        Assert.Equal("import error", source.Header[^1]);
        var rows = new List<string>();
        while (source.Records.TryRead(out var record))
        {
            Assert.Null(record.Problem);
            var said = System.Text.RegularExpressions.Regex.Match(record.Fields[^1], "^line (\\d+)(?:, (.*?))?: (.*)$", System.Text.RegularExpressions.RegexOptions.Singleline);
            Assert.True(said.Success, record.Fields[^1]);
            rows.Add($"{said.Groups[1].Value}|{said.Groups[2].Value}|{said.Groups[3].Value}");
        }
        return rows;
    }

    /// <summary>A refused row's fields in the error report, joined by its delimiter as the input had them.</summary>
    public string ReportedRaw(long line)
    {
        using var source = CsvSource.Open(ReportPath);
        var delimiter = source.Records.Delimiter.ToString();
        while (source.Records.TryRead(out var record))
            if (record.Fields[^1].StartsWith($"line {line}", StringComparison.Ordinal)) return string.Join(delimiter, record.Fields.Take(record.Fields.Count - 1)).TrimEnd(delimiter[0]);
        throw new InvalidOperationException($"line {line} is not in the report");
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    /// <summary>Everything an import can change, times and uuids left out: what "the same state" means.</summary>
    public async Task<string> SnapshotAsync()
    {
        var subscribers = await QueryAsync<string>("SELECT email || '|' || email_key || '|' || name || '|' || language || '|' || coalesce(CAST(organisation_id AS TEXT), '') || '|' || CAST(attributes AS TEXT) || '|' || status FROM subscribers ORDER BY email_key");
        var subscriptions = await QueryAsync<string>("SELECT l.slug || '|' || s.email_key || '|' || x.status || '|' || CASE WHEN x.confirmed_at IS NOT NULL THEN 1 ELSE 0 END FROM subscriptions x JOIN subscribers s ON s.id = x.subscriber_id JOIN lists l ON l.id = x.list_id ORDER BY 1");
        var consents = await QueryAsync<string>("SELECT s.email_key || '|' || coalesce(CAST(c.list_id AS TEXT), '') || '|' || c.source || '|' || c.channel || '|' || c.wording_version FROM consents c JOIN subscribers s ON s.id = c.subscriber_id ORDER BY 1");
        var organisations = await QueryAsync<string>("SELECT name || '|' || name_key || '|' || country || '|' || category || '|' || coalesce(website, '') FROM organisations ORDER BY name_key");
        return string.Join('\n', subscribers.Concat(subscriptions).Concat(consents).Concat(organisations));
    }

    /// <summary>
    /// Rows of "head|attributes" from a query selecting a text and subscribers.attributes (as text). SQLite keeps the
    /// JSON text the import wrote, compact; PostgreSQL's jsonb prints it with ": " and ", ", so there it is written
    /// compactly again (with jsonb's key order: these tests use one key).
    /// </summary>
    public async Task<IReadOnlyList<string>> WithAttributesAsync(string sql, object? parameters = null) =>
        (await QueryAsync<(string Head, string Attributes)>(sql, parameters)).Select(r => r.Head + "|" + Json(r.Attributes)).ToList();

    /// <summary>A stored attributes text as SQLite holds it (see <see cref="WithAttributesAsync"/>).</summary>
    public string Json(string stored) =>
        Database.IsPostgres ? System.Text.Json.Nodes.JsonNode.Parse(stored)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) : stored;

    public async Task SeedOrganisationsAsync()
    {
        var path = File("orgs.csv",
            "name,country,category,website",
            "Legacoop Produzione e Servizi,IT,full member,legacoopproduzione.coop",
            "COCETA,Spain,full,",
            "Cooperatives Europe Network,BE,network affiliate,");
        var result = await Organisations.ImportAsync(Options(path, null), null, CancellationToken.None);
        Assert.Equal(3, result.Inserted);
    }

    public void Dispose() => Workspace.Dispose();
}
