using System.Text.Json;
using System.Text.Json.Nodes;
using CecopComms.Tests.ContentTests;
using CecopComms.Tests.Infrastructure;
using CecopComms.Tests.Peers;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CecopComms.Tests.Storage;

/// <summary>
/// `cecop storage copy`: a SQLite deployment with CECOP's audiences, a sent edition, a campaign, a schedule and an account
/// goes into an empty PostgreSQL database (a cluster of the test's own), with every row in the target's real types.
/// </summary>
public sealed class StorageCopyTests : IAsyncLifetime
{
    private readonly TempWorkspace _workspace = new(sqlite: true);
    private PostgresServer _server = null!;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _server.DisposeAsync();
        _workspace.Dispose();
    }

    private static string Repo(params string[] parts) => Path.Combine([ContentTestBed.Repository, .. parts]);

    private async Task Cecop(params string[] args)
    {
        var result = await CecopProcess.RunAsync(args, _workspace.Root, timeout: TimeSpan.FromSeconds(120));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private async Task FillAsync()
    {
        _workspace.WriteSettings(new JsonObject
        {
            ["Storage"] = _workspace.StorageSection(),
            ["Delivery"] = new JsonObject { ["Transport"] = "outbox", ["OutboxPath"] = _workspace.Path("outbox") },
            ["Content"] = new JsonObject { ["TemplatesPath"] = Repo("templates") },
        });
        await Cecop("orgs", "import", Repo("samples", "organisations.csv"));
        await Cecop("subscribers", "import", Repo("samples", "members-contacts.csv"), "--list", "cecop-link");
        await Cecop("subscribers", "import", Repo("samples", "public-subscribers.csv"), "--list", "external-newsletter");
        await Cecop("segments", "create", "italian-members", "--name", "Contacts of Italian member organisations", "--where", "country=IT", "--where", "list=cecop-link");
        await Cecop("editions", "load", Repo("editions", "cecop-link-2021-06.yaml"));
        await Cecop("editions", "load", Repo("editions", "cecop-newsletter-2021-06.yaml"));
        await Cecop("campaigns", "load", Repo("campaigns", "coopskills2023"));
        await Cecop("send", "edition:1", "--now");
        await Cecop("schedule", "edition:2", "--at", "2099-03-02T10:00");
        await Cecop("channels", "import", Repo("samples", "channels.csv"));
        var user = await CecopProcess.RunAsync(["users", "add", "officer@cecop.example", "--role", "editor"], _workspace.Root, stdin: "a long enough password\n");
        Assert.Equal(0, user.ExitCode);
    }

    [Fact]
    public async Task Every_row_reaches_PostgreSQL_in_its_real_type_with_counts_checked_and_a_second_copy_is_refused()
    {
        await FillAsync();
        var target = await _server.CreateDatabaseAsync("moved");

        var copy = await CecopProcess.RunAsync(["storage", "copy", "--to", target, "--format", "json"], _workspace.Root, timeout: TimeSpan.FromSeconds(120));

        Assert.True(copy.ExitCode == 0, copy.ToString());
        var tables = JsonNode.Parse(copy.Stdout)!.AsArray().ToDictionary(t => t!["table"]!.GetValue<string>(), t => (t!["source"]!.GetValue<long>(), t["target"]!.GetValue<long>()));
        await using var sqlite = new SqliteConnection($"Data Source={_workspace.DatabasePath}");
        await using var postgres = new NpgsqlConnection(target);
        foreach (var table in new[] { "organisations", "subscribers", "subscriptions", "consents", "segments", "editions", "campaigns", "campaign_mailings", "mailings", "ledger", "schedules", "users", "channel_figures", "qrtz_triggers", "qrtz_simple_triggers", "qrtz_job_details" })
        {
            var expected = await sqlite.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
            Assert.True(expected > 0, $"{table} is empty in the source: the test copies nothing of it.");
            Assert.Equal((expected, expected), tables[table]);
            Assert.Equal(expected, await postgres.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}"));
        }
        // The target's seed lists were replaced by the source's, ids and all.
        Assert.Equal(await sqlite.QueryAsync<(long, string)>("SELECT id, slug FROM lists ORDER BY id"), await postgres.QueryAsync<(long, string)>("SELECT id, slug FROM lists ORDER BY id"));

        // Real types: times are timestamptz at the same instant, flags boolean, attributes jsonb with the same content.
        var before = (await sqlite.QueryAsync<(string Email, string Attributes, string CreatedAt)>("SELECT email, attributes, created_at FROM subscribers ORDER BY id")).ToList();
        var after = (await postgres.QueryAsync<(string Email, string Attributes, DateTime CreatedAt)>("SELECT email, attributes::text, created_at FROM subscribers ORDER BY id")).ToList();
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].Email, after[i].Email);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(before[i].Attributes), JsonNode.Parse(after[i].Attributes)), $"{before[i].Email}: {before[i].Attributes} became {after[i].Attributes}");
            Assert.Equal(CecopComms.Storage.DbTime.Parse(before[i].CreatedAt).UtcDateTime, after[i].CreatedAt.ToUniversalTime());
        }
        Assert.True(await postgres.ExecuteScalarAsync<bool>("SELECT members_only FROM lists WHERE slug = 'cecop-link'"));
        Assert.Equal(
            await sqlite.QueryAsync<(string, string)>("SELECT status, coalesce(sent_at, '') FROM ledger ORDER BY id"),
            (await postgres.QueryAsync<(string Status, DateTime? SentAt)>("SELECT status, sent_at FROM ledger ORDER BY id"))
                .Select(r => (r.Status, r.SentAt is { } at ? CecopComms.Storage.DbTime.ToText(new DateTimeOffset(at.ToUniversalTime())) : "")));
        Assert.Equal(
            await sqlite.QueryAsync<(string, long)>("SELECT TRIGGER_NAME, NEXT_FIRE_TIME FROM QRTZ_TRIGGERS ORDER BY 1"),
            await postgres.QueryAsync<(string, long)>("SELECT trigger_name, next_fire_time FROM qrtz_triggers ORDER BY 1"));
        // New rows continue after the copied ids.
        var next = await postgres.ExecuteScalarAsync<long>("INSERT INTO organisations (name, name_key, country, category, created_at, updated_at) VALUES ('New', 'new', 'BE', 'full', now(), now()) RETURNING id");
        Assert.Equal(await sqlite.ExecuteScalarAsync<long>("SELECT max(id) FROM organisations") + 1, next);

        var again = await CecopProcess.RunAsync(["storage", "copy", "--to", target], _workspace.Root, timeout: TimeSpan.FromSeconds(120));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("The PostgreSQL database is not empty", again.Stderr);
        Assert.Equal(before.Count, await postgres.ExecuteScalarAsync<long>("SELECT count(*) FROM subscribers"));
    }

    [Fact]
    public async Task A_copy_taken_while_the_deployment_keeps_writing_is_one_consistent_snapshot()
    {
        await Cecop("orgs", "import", Repo("samples", "organisations.csv"));
        var target = await _server.CreateDatabaseAsync("running");
        using var stop = new CancellationTokenSource();
        var written = 0;
        // The running deployment: one organisation after another while the copy runs.
        var writer = Task.Run(async () =>
        {
            await using var connection = new SqliteConnection($"Data Source={_workspace.DatabasePath};Default Timeout=30");
            await connection.OpenAsync();
            await connection.ExecuteAsync("PRAGMA busy_timeout=30000");
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref written);
                await connection.ExecuteAsync("INSERT INTO organisations (name, name_key, country, category, created_at, updated_at) VALUES (@Name, @Key, 'IT', 'full', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                    new { Name = $"Cooperativa {n}", Key = $"cooperativa {n}" });
                await Task.Delay(2);
            }
        });

        var copy = await CecopProcess.RunAsync(["storage", "copy", "--to", target, "--format", "json"], _workspace.Root, timeout: TimeSpan.FromSeconds(120));
        await stop.CancelAsync();
        await writer;

        Assert.True(copy.ExitCode == 0, copy.ToString());
        var organisations = JsonNode.Parse(copy.Stdout)!.AsArray().Single(t => t!["table"]!.GetValue<string>() == "organisations")!;
        await using var postgres = new NpgsqlConnection(target);
        var copied = await postgres.QueryAsync<long>("SELECT id FROM organisations ORDER BY id");
        // A prefix of the source as it was at one moment: ids 1..N with no gap, whatever was written after.
        Assert.Equal(Enumerable.Range(1, copied.Count()).Select(i => (long)i), copied);
        Assert.Equal(organisations["source"]!.GetValue<long>(), copied.Count());
        await using var sqlite = new SqliteConnection($"Data Source={_workspace.DatabasePath}");
        Assert.True(await sqlite.ExecuteScalarAsync<long>("SELECT count(*) FROM organisations") >= copied.Count());
        Assert.True(written > 0);
    }

    [Fact]
    public async Task A_target_that_is_not_PostgreSQL_or_not_reachable_is_a_sentence_and_nothing_changes()
    {
        await Cecop("lists", "list");

        var bad = await CecopProcess.RunAsync(["storage", "copy", "--to", "Hots=nowhere"], _workspace.Root);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--to is not a PostgreSQL connection string", bad.Stderr);

        var closed = await CecopProcess.RunAsync(["storage", "copy", "--to", $"Host=127.0.0.1;Port={ServeProcessPort()};Username=postgres;Database=x;Timeout=3"], _workspace.Root);
        Assert.Equal(1, closed.ExitCode);
        Assert.Contains("could not be prepared", closed.Stderr);
    }

    private static int ServeProcessPort() => Web.ServeProcess.FreePort();
}
