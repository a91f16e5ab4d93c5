using System.Globalization;
using System.Text.Json.Nodes;
using CecopComms.Storage;
using CecopComms.Tests.Delivery;
using CecopComms.Tests.Infrastructure;
using CecopComms.Web;
using CecopComms.Web.Admin;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// The communications officer's day without the CLI, in Chromium against `cecop serve` running for real with mail going
/// over SMTP to Debian's aiosmtpd: sign in; import a CSV with errors and read them; compose an edition from a news item
/// and preview it; schedule it a few seconds ahead in Brussels time and watch its mailing page until it has finished and
/// the server holds every message; read the year in numbers. The database and the SMTP server are checked at every
/// step; screenshots land in the test output's screenshots/admin-journey.
/// </summary>
public sealed class AdminJourneyTests
{
    private const string Password = "correct horse battery staple";
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    [Fact]
    public async Task Import_compose_preview_schedule_send_and_report_in_a_browser()
    {
        await using var smtp = await FaultySmtpServer.StartAsync("--save");
        using var workspace = new TempWorkspace();
        var baseUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        workspace.WriteSettings(new JsonObject
        {
            ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["Path"] = workspace.DatabasePath },
            ["Delivery"] = new JsonObject
            {
                ["Transport"] = "smtp",
                ["Servers"] = new JsonArray(new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = smtp.Port, ["Security"] = "None" }),
                ["PublicBaseUrl"] = baseUrl,
                ["TokenSecret"] = CecopWebFactory.TokenSecret,
                ["MessageIdDomain"] = "cecop.example",
                ["BounceDomain"] = "bounces.cecop.example",
            },
            ["Web"] = new JsonObject { ["Urls"] = baseUrl },
        });
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots", "admin-journey");
        Directory.CreateDirectory(shots);
        await using var serve = await ServeProcess.StartAsync(workspace, baseUrl);
        var database = workspace.NewDatabase();
        // serve has migrated the database; the officer's account is made as `cecop users add` makes it (fewer hashing rounds).
        await new UserStore(database, TimeProvider.System, Options.Create(new WebOptions()))
            .AddAsync("sofia@cecop.example", "Sofia", "admin", Password, CancellationToken.None, iterations: 10_000);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var scriptErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") scriptErrors.Add(message.Text); };
        Task Shot(string name) => page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, name + ".png"), FullPage = true });

        // 1. Sign in: the dashboard opens.
        await page.GotoAsync(baseUrl + "/admin");
        Assert.Contains("/admin/login", page.Url);
        await page.FillAsync("#email", "sofia@cecop.example");
        await page.FillAsync("#password", Password);
        await Shot("1-sign-in");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(baseUrl + "/admin");
        await Shot("2-dashboard");

        // 2. Import subscribers into the external newsletter (double opt-in, so the file says they consented): three good
        //    rows, two refused with their line and reason.
        var csv = workspace.Path("newsletter-readers.csv");
        await File.WriteAllTextAsync(csv, """
            email,name,language,consent
            ana.lopez@example.org,Ana López,es,yes
            not-an-address,Broken Row,en,yes
            marco.rossi@example.org,Marco Rossi,it,yes
            claire.dubois@example.org,Claire Dubois,fr,yes
            ana.lopez@,Half Address,en,yes

            """.Replace("\r\n", "\n"));
        await page.GotoAsync(baseUrl + "/admin/audiences/import");
        await page.CheckAsync("#kind-subscribers");
        await page.SetInputFilesAsync("#file", csv);
        await page.SelectOptionAsync("#list", "external-newsletter");
        await Shot("3-import-form");
        await page.ClickAsync("text=Import the file");
        await page.WaitForSelectorAsync("table.import-errors");
        var refused = await page.InnerTextAsync("table.import-errors tbody");
        Assert.Contains("not-an-address", refused);
        Assert.Contains("ana.lopez@", refused);
        Assert.Equal(2, await page.Locator("table.import-errors tbody tr").CountAsync());
        Assert.Contains("2 rows were refused", await page.InnerTextAsync("[role=alert]"));
        await Shot("4-import-errors");
        Assert.Equal(3, await ScalarAsync<long>(database, """
            SELECT count(*) FROM subscriptions x JOIN lists l ON l.id = x.list_id WHERE l.slug = 'external-newsletter' AND x.status = 'confirmed'
            """));

        // 3. Compose an edition of the CECOP Newsletter from one news item, save it, and preview it.
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Brussels).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GotoAsync(baseUrl + "/admin/content/editions/compose");
        await page.SelectOptionAsync("#Form_Publication", "cecop-newsletter");
        await page.FillAsync("#Form_Date", today);
        await page.FillAsync("#Form_Subject", "Cooperatives keep Europe's skills at home");
        await page.FillAsync("#Form_Intro", "Dear reader, this month's news from CECOP's members.");
        await page.FillAsync("#Form_Items_0__Date", today);
        await page.FillAsync("#Form_Items_0__Title", "Worker buyouts save 1,200 jobs in Italy");
        await page.CheckAsync("#Form_Items_0__tag_0");
        await page.FillAsync("#Form_Items_0__Summary", "Legacoop's members took over **eleven** firms this year.");
        await page.FillAsync("#Form_Items_0__Link", "https://www.cecop.coop/works/worker-buyouts");
        await Shot("5-compose");
        await page.Locator("form.compose button:has-text('Save the edition')").First.ClickAsync();
        await page.WaitForSelectorAsync("h1:not(:has-text('Compose a new edition'))");
        if (!System.Text.RegularExpressions.Regex.IsMatch(page.Url, @"/admin/content/editions/\d+$"))
        {
            await Shot("5-compose-refused");
            Assert.Fail("The edition was not saved: " + await page.InnerTextAsync("main"));
        }
        var edition = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        Assert.Equal("draft", await ScalarAsync<string>(database, "SELECT state FROM editions WHERE id = @edition", new { edition }));
        await Shot("6-edition-saved");
        await page.GotoAsync($"{baseUrl}/admin/content/preview/edition/{edition}");
        var preview = page.FrameLocator("iframe.preview");
        await preview.Locator("text=Worker buyouts save 1,200 jobs in Italy").WaitForAsync();
        await Shot("7-preview");

        // 4. Schedule it for the next whole minute at least 20 seconds ahead (the time field takes minutes), in Brussels
        //    time; its mailing page refreshes itself until the send has finished.
        var soon = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(20), Brussels);
        var at = soon.AddSeconds(60 - soon.Second).AddMilliseconds(-soon.Millisecond);
        await page.GotoAsync(baseUrl + "/admin/sending");
        await page.SelectOptionAsync("#source", $"edition:{edition}");
        await page.FillAsync("#date", at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.FillAsync("#time", at.ToString("HH:mm", CultureInfo.InvariantCulture));
        await Shot("8-schedule");
        await page.ClickAsync("text=Schedule the send");
        await page.WaitForSelectorAsync("[role=status]:has-text('goes out at'), .problems");
        if (await page.Locator("[role=status]:has-text('goes out at')").CountAsync() == 0)
        {
            await Shot("9-schedule-refused");
            Assert.Fail("The send was not scheduled: " + await page.InnerTextAsync("main"));
        }
        await Shot("9-scheduled");
        long? mailing = null;
        for (var i = 0; i < 240 && mailing is null; i++)
        {
            mailing = await ScalarAsync<long?>(database, "SELECT id FROM mailings WHERE source_kind = 'edition' AND source_id = @edition", new { edition });
            if (mailing is null) await Task.Delay(500);
        }
        Assert.True(mailing is not null, "The scheduler did not start the mailing within two minutes:\n" + serve.Output);
        await page.GotoAsync($"{baseUrl}/admin/sending/mailings/{mailing}");
        // The page reloads itself every 2 seconds while the mailing runs; wait for it to say finished.
        await page.WaitForSelectorAsync(".mailing-status:has-text('finished')", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await Shot("10-mailing-finished");
        var received = await ReceivedAsync(smtp, 3);
        Assert.Equal(3, received.Count);
        foreach (var address in new[] { "ana.lopez@example.org", "marco.rossi@example.org", "claire.dubois@example.org" })
            Assert.Single(received, m => m.Contains($"<{address}>", StringComparison.Ordinal));
        Assert.All(received, m => Assert.Contains("Worker buyouts save 1,200 jobs in Italy", m.Replace("=\r\n", "")));

        // 5. The year in numbers counts the three messages sent.
        var year = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Brussels).Year;
        await page.GotoAsync($"{baseUrl}/admin/reports?Year={year}");
        ILocator Figure(string label) => page.Locator("table.report-figures tr")
            .Filter(new LocatorFilterOptions { Has = page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = label, Exact = true }) })
            .Locator("td.number");
        Assert.Equal("3", await Figure("Messages sent: all mailings").InnerTextAsync());
        Assert.Equal("3", await Figure("People reached: all mailings").InnerTextAsync());
        Assert.Equal(1, await page.Locator("svg#subscribers").CountAsync());
        await Shot("11-report");
        Assert.Empty(scriptErrors);

        Assert.Equal(0, await serve.StopAsync());
    }

    private static async Task<IReadOnlyList<string>> ReceivedAsync(FaultySmtpServer smtp, int count)
    {
        for (var i = 0; i < 200 && smtp.Saved().Count < count; i++) await Task.Delay(50);
        return smtp.Saved().Select(m => System.Text.Encoding.UTF8.GetString(m)).ToList();
    }

    private static async Task<T> ScalarAsync<T>(Database database, string sql, object? parameters = null)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }
}
