using CecopComms.Audience.Import;

namespace CecopComms.Tests.Import;

/// <summary>What an import does to the database: lists' rules, unsubscribes respected, re-imports, dry runs, crashes.</summary>
public sealed class SubscriberImportStateTests
{
    private static readonly string[] People =
    [
        "email,name,language,organisation,consent,wording",
        "maria@legacoop.example,Maria,it,Legacoop Produzione e Servizi,yes,2023-05",
        "pablo@coceta.example,Pablo,es,COCETA,no,",
        "anon@example.org,Anon,en,,yes,",
    ];

    [Fact]
    public async Task A_members_only_list_refuses_rows_without_a_member_organisation()
    {
        using var bed = await ImportTestBed.CreateAsync();
        await bed.SeedOrganisationsAsync();
        // A subscriber already known with an organisation may be listed without repeating it.
        await bed.ImportSubscribersAsync(bed.File("known.csv", "email,organisation", "known@coceta.example,COCETA"), list: null);
        var path = bed.File("link.csv",
            "email,name,organisation",
            "maria@legacoop.example,Maria,Legacoop Produzione e Servizi",
            "outsider@example.org,Outsider,",
            "known@coceta.example,Known,");

        var result = await bed.ImportSubscribersAsync(path, "cecop-link");

        Assert.Equal((1L, 1L, 1L), (result.Inserted, result.Updated, result.Rejected));
        Assert.Equal(["3|organisation|'cecop-link' is for members only, and neither the row nor the subscriber's record names a member organisation"], bed.Report());
        Assert.Equal(["known@coceta.example", "maria@legacoop.example"],
            await bed.QueryAsync<string>("SELECT s.email FROM subscriptions x JOIN subscribers s ON s.id = x.subscriber_id ORDER BY 1"));
        Assert.Empty(await bed.QueryAsync<string>("SELECT email FROM subscribers WHERE email = 'outsider@example.org'"));
    }

    [Fact]
    public async Task Never_resubscribes_the_unsubscribed_nor_reactivates_the_blocklisted()
    {
        using var bed = await ImportTestBed.CreateAsync();
        var path = bed.File("people.csv", "email,name", "left@example.org,Left", "blocked@example.org,Blocked", "stays@example.org,Stays");
        await bed.ImportSubscribersAsync(path);
        await bed.QueryAsync<int>("UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = '2026-01-15T10:00:00.000Z' WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = 'left@example.org')");
        await bed.QueryAsync<int>("UPDATE subscribers SET status = 'blocklisted' WHERE email = 'blocked@example.org'");
        var again = bed.File("again.csv", "email,name,consent", "left@example.org,Left Again,yes", "blocked@example.org,Blocked Again,yes", "stays@example.org,Stays,yes");

        var result = await bed.ImportSubscribersAsync(again);

        Assert.Equal((0L, 1L, 2L), (result.Inserted, result.Updated, result.Rejected));
        Assert.Equal(
        [
            "2|email|skipped: left@example.org unsubscribed from 'external-newsletter' on 2026-01-15 and an import never resubscribes anyone",
            "3|email|skipped: blocked@example.org is blocklisted and an import never reactivates a subscriber",
        ], bed.Report());
        Assert.Equal(["blocked@example.org|Blocked|unconfirmed", "left@example.org|Left|unsubscribed", "stays@example.org|Stays|confirmed"],
            await bed.QueryAsync<string>("SELECT s.email || '|' || s.name || '|' || x.status FROM subscriptions x JOIN subscribers s ON s.id = x.subscriber_id ORDER BY 1"));
    }

    [Fact]
    public async Task Consent_decides_the_status_on_a_double_opt_in_list_and_is_recorded()
    {
        using var bed = await ImportTestBed.CreateAsync();
        await bed.SeedOrganisationsAsync();
        await bed.QueryAsync<int>("INSERT INTO lists (slug, name, visibility, double_opt_in, members_only, created_at, updated_at) VALUES ('coopskills', 'CoopSkills', 'public', false, false, @now, @now)", new { now = bed.Clock.Now });
        var path = bed.File("people.csv", People);

        await bed.ImportSubscribersAsync(path, "external-newsletter");
        await bed.ImportSubscribersAsync(path, "coopskills");

        Assert.Equal(
        [
            "coopskills|anon@example.org|confirmed|1", "coopskills|maria@legacoop.example|confirmed|1", "coopskills|pablo@coceta.example|unconfirmed|0",
            "external-newsletter|anon@example.org|confirmed|1", "external-newsletter|maria@legacoop.example|confirmed|1", "external-newsletter|pablo@coceta.example|unconfirmed|0",
        ], await bed.QueryAsync<string>("SELECT l.slug || '|' || s.email || '|' || x.status || '|' || CASE WHEN x.confirmed_at IS NOT NULL THEN 1 ELSE 0 END FROM subscriptions x JOIN subscribers s ON s.id = x.subscriber_id JOIN lists l ON l.id = x.list_id ORDER BY 1"));
        Assert.Equal(
        [
            ("maria@legacoop.example|external-newsletter|import|people.csv|2023-05", bed.Clock.Now),
            ("anon@example.org|external-newsletter|import|people.csv|", bed.Clock.Now),
            ("maria@legacoop.example|coopskills|import|people.csv|2023-05", bed.Clock.Now),
            ("anon@example.org|coopskills|import|people.csv|", bed.Clock.Now),
        ], await bed.QueryAsync<(string, DateTimeOffset)>("SELECT s.email || '|' || l.slug || '|' || c.source || '|' || c.channel || '|' || c.wording_version, c.given_at FROM consents c JOIN subscribers s ON s.id = c.subscriber_id JOIN lists l ON l.id = c.list_id ORDER BY c.id"));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time()
    {
        using var bed = await ImportTestBed.CreateAsync();
        await bed.SeedOrganisationsAsync();
        var path = bed.File("people.csv", [.. People.Select((l, i) => i == 0 ? l + ",city" : l + ",Brussels")]);
        var first = await bed.ImportSubscribersAsync(path);
        var before = await bed.SnapshotAsync();
        bed.Clock.Now = bed.Clock.Now.AddDays(1);

        var second = await bed.ImportSubscribersAsync(path);

        Assert.Equal((3L, 0L, 0L), (first.Inserted, first.Updated, first.Unchanged));
        Assert.Equal((0L, 0L, 3L, 0L), (second.Inserted, second.Updated, second.Unchanged, second.Rejected));
        Assert.Equal(before, await bed.SnapshotAsync());
        var firstDay = bed.Clock.Now.AddDays(-1);
        Assert.Equal([firstDay], await bed.QueryAsync<DateTimeOffset>("SELECT DISTINCT updated_at FROM subscribers"));
        Assert.Equal([firstDay], await bed.QueryAsync<DateTimeOffset>("SELECT DISTINCT updated_at FROM subscriptions"));

        // A changed value is an update, and only that row's updated_at moves.
        var changed = bed.File("changed.csv", "email,city", "maria@legacoop.example,Roma", "pablo@coceta.example,Brussels");
        var third = await bed.ImportSubscribersAsync(changed);
        Assert.Equal((0L, 1L, 1L), (third.Inserted, third.Updated, third.Unchanged));
        Assert.Equal([("maria@legacoop.example", bed.Clock.Now)],
            await bed.QueryAsync<(string, DateTimeOffset)>("SELECT email, updated_at FROM subscribers WHERE updated_at > @firstDay", new { firstDay }));
        Assert.Equal(["maria@legacoop.example|{\"city\":\"Roma\"}"],
            await bed.WithAttributesAsync("SELECT email, CAST(attributes AS TEXT) FROM subscribers WHERE updated_at > @firstDay", new { firstDay }));
    }

    [Fact]
    public async Task A_dry_run_checks_everything_and_changes_nothing()
    {
        using var bed = await ImportTestBed.CreateAsync();
        await bed.SeedOrganisationsAsync();
        var before = await bed.SnapshotAsync();
        // Batches of two, so the duplicate on line 6 is caught across batches although each dry batch writes nothing that lasts.
        var path = bed.File("people.csv", [.. People, "bad-address,Bad,en,,,", "MARIA@legacoop.example,Maria,it,,,"]);

        var result = await bed.ImportSubscribersAsync(path, dryRun: true, batchSize: 2);

        Assert.Equal((5L, 3L, 2L), (result.RowsRead, result.Inserted, result.Rejected));
        Assert.Equal(["5|email|the address has no '@'", "6|email|the address MARIA@legacoop.example is already on line 2 of this file"], bed.Report());
        Assert.Equal(before, await bed.SnapshotAsync());
        Assert.Equal([0L], await bed.QueryAsync<long>("SELECT count(*) FROM subscribers"));
    }

    [Fact]
    public async Task A_cancelled_import_leaves_whole_batches_and_running_it_again_completes_it()
    {
        var lines = new List<string> { "email,name,language,organisation,team" };
        for (var i = 0; i < 5_000; i++) lines.Add($"member{i}@coop{i % 40}.example,Member {i},{(i % 3 == 0 ? "fr" : "it")},{(i % 5 == 0 ? "COCETA" : "")},t{i % 9}");
        lines.Insert(1234, "member7@coop7.example,Duplicate,en,,t0");

        using var clean = await ImportTestBed.CreateAsync();
        await clean.SeedOrganisationsAsync();
        var cleanResult = await clean.ImportSubscribersAsync(clean.File("people.csv", [.. lines]), batchSize: 500);

        using var bed = await ImportTestBed.CreateAsync();
        await bed.SeedOrganisationsAsync();
        var path = bed.File("people.csv", [.. lines]);
        bed.Clock.Stepping = true;
        using var cancel = new CancellationTokenSource();
        var progress = SyncProgress.Of<ImportProgress>(p => { if (p.RowsImported >= 1_000) cancel.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.Subscribers.ImportAsync(bed.Options(path, batchSize: 500), progress, cancel.Token));
        Assert.Equal([1_000L], await bed.QueryAsync<long>("SELECT count(*) FROM subscribers"));
        Assert.Equal([1_000L], await bed.QueryAsync<long>("SELECT count(*) FROM subscriptions"));

        var resumed = await bed.ImportSubscribersAsync(path, batchSize: 500);

        Assert.Equal((5_000L, 1L), (cleanResult.Inserted, cleanResult.Rejected));
        Assert.Equal((4_000L, 1_000L, 1L), (resumed.Inserted, resumed.Unchanged, resumed.Rejected));
        Assert.Equal(await clean.SnapshotAsync(), await bed.SnapshotAsync());
        Assert.Equal(["1235|email|the address member7@coop7.example is already on line 9 of this file"], bed.Report());
    }
}
