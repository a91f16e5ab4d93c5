using System.Globalization;
using System.Text;
using CecopComms.Storage;
using CecopComms.Tests.Infrastructure;
using CecopComms.Tests.Peers;
using CecopComms.Web;
using CecopComms.Web.Admin;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using MimeKit;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// A communications officer's month on a 390 × 844 phone, in Chromium against `cecop serve` with mail going over SMTP to
/// Debian's aiosmtpd, with neither the command line nor a settings file beyond the database and the web address: set the
/// SMTP server and the sending rate on the settings page and check the connection; import readers; write an edition with an Italian variant; preview it in Italian
/// and send an Italian test copy; schedule it, then cancel the schedule through its confirmation, which leaves a draft;
/// send it now through the confirmation that names the audience and its live count; pause and resume the running mailing
/// with the keyboard alone; read the year's figures. No page scrolls sideways at any step; the database and the SMTP
/// server are checked as it goes. Screenshots land in the test output's screenshots/officer-month-phone.
/// </summary>
public sealed class OfficerMonthPhoneJourneyTests
{
    private const string Password = "correct horse battery staple";
    private const int Readers = 24;
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    [Fact]
    public async Task The_month_on_a_phone_import_compose_in_two_languages_test_schedule_cancel_send_pause_resume_and_report()
    {
        await using var smtp = await AiosmtpdServer.StartAsync();
        using var workspace = new TempWorkspace();
        var baseUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        // The outbox is the default transport: the officer sets the SMTP server on the settings page.
        var settings = ServeProcess.Settings(workspace, baseUrl);
        settings["Web"]!["FromAddress"] = "communication@cecop.example";
        workspace.WriteSettings(settings);
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots", "officer-month-phone");
        Directory.CreateDirectory(shots);
        await using var serve = await ServeProcess.StartAsync(workspace, baseUrl);
        var database = workspace.NewDatabase();
        await new UserStore(database, TimeProvider.System, Options.Create(new WebOptions()))
            .AddAsync("sofia@cecop.example", "Sofia", "admin", Password, CancellationToken.None, iterations: 10_000);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var phone = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await phone.NewPageAsync();
        var scriptErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") scriptErrors.Add(message.Text); };
        var step = 0;
        async Task Shot(string name)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"{++step:D2}-{name}.png"), FullPage = true });
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{name}: the page is {width} px wide on a 390 px phone");
        }

        // 1. Sign in.
        await page.GotoAsync(baseUrl + "/admin/login");
        await page.FillAsync("#email", "sofia@cecop.example");
        await page.FillAsync("#password", Password);
        var signedIn = page.WaitForURLAsync(baseUrl + "/admin");
        await page.ClickAsync("main button[type=submit]");
        await signedIn;
        await Shot("dashboard");

        // 2. The SMTP server and the sending rate, on the settings page: checked first, then saved. Slow enough for the
        //    officer to pause the send half-way: 24 readers at 4 a second.
        await page.GotoAsync(baseUrl + "/admin/settings");
        await page.CheckAsync("input[name='Form.Transport'][value=smtp]");
        await page.FillAsync("#server-0-host", "127.0.0.1");
        await page.FillAsync("#server-0-port", smtp.Port.ToString(CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#server-0-security", "None");
        await page.ClickAsync("button:has-text('Check the SMTP connection')");
        await page.WaitForSelectorAsync("#check-result");
        Assert.StartsWith($"Connected to 127.0.0.1:{smtp.Port}", (await page.TextContentAsync("#check-result"))!.Trim());
        await page.FillAsync("#rate-per-second", "4");
        await page.Locator("button:has-text('Save the settings')").First.ClickAsync();
        await page.WaitForSelectorAsync("p.notice[role=status]:has-text('Saved')");
        await Shot("settings");
        Assert.Empty(Directory.Exists(workspace.Path("outbox")) ? Directory.GetFiles(workspace.Path("outbox"), "*", SearchOption.AllDirectories) : []);

        // 3. Import the newsletter's readers: every third one reads Italian.
        var csv = new StringBuilder("email,name,language,consent\n");
        for (var i = 0; i < Readers; i++) csv.Append(CultureInfo.InvariantCulture, $"reader{i:D2}@example.org,Reader {i},{(i % 3 == 0 ? "it" : "en")},yes\n");
        var file = workspace.WriteFile("readers.csv", csv.ToString());
        await page.GotoAsync(baseUrl + "/admin/audiences/import");
        await page.CheckAsync("#kind-subscribers");
        await page.SetInputFilesAsync("#file", file);
        await page.SelectOptionAsync("#list", "external-newsletter");
        await page.ClickAsync("text=Import the file");
        await page.WaitForSelectorAsync("[role=status]");
        await Shot("imported");
        Assert.Equal(Readers, await ScalarAsync<long>(database,
            "SELECT count(*) FROM subscriptions x JOIN lists l ON l.id = x.list_id WHERE l.slug = 'external-newsletter' AND x.status = 'confirmed'"));

        // 4. Write the edition in English, add an Italian variant, save it.
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
        await page.ClickAsync("text=Add a language variant");
        await page.WaitForSelectorAsync("#Form_Variants_0__Language");
        await page.SelectOptionAsync("#Form_Variants_0__Language", "it");
        await page.FillAsync("#Form_Variants_0__Subject", "Le cooperative tengono in Europa le competenze");
        await page.FillAsync("#Form_Variants_0__Intro", "Cara lettrice, caro lettore, ecco le notizie del mese.");
        await page.FillAsync("#Form_Variants_0__Titles_0_", "I workers buyout salvano 1.200 posti di lavoro in Italia");
        await page.FillAsync("#Form_Variants_0__Summaries_0_", "Le cooperative di Legacoop hanno rilevato **undici** imprese.");
        await Shot("compose");
        var saved = page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/admin/content/editions/\d+$"));
        await page.Locator("form.compose button:has-text('Save the edition')").First.ClickAsync();
        await saved;
        var edition = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        await Shot("saved");

        // 5. Preview it in Italian and send the Italian test copy: it arrives in Italian, marked [TEST].
        await page.GotoAsync($"{baseUrl}/admin/content/preview/edition/{edition}?lang=it");
        await page.FrameLocator("iframe.preview").Locator("text=I workers buyout salvano 1.200 posti di lavoro in Italia").WaitForAsync();
        await page.FillAsync("#test-email", "sofia@cecop.example");
        await page.ClickAsync("text=Send one copy marked [TEST]");
        await page.WaitForSelectorAsync("[role=status]:has-text('sofia@cecop.example')");
        await Shot("test-copy");
        var copy = MimeMessage.Load(new MemoryStream((await ReceivedAsync(smtp, 1))[0]));
        Assert.Equal("[TEST] Le cooperative tengono in Europa le competenze", copy.Subject);
        Assert.Contains("I workers buyout salvano 1.200 posti di lavoro in Italia", copy.HtmlBody);

        // 6. Schedule it for tomorrow at 10:00, then cancel the schedule through its confirmation: it is a draft again.
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Brussels).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GotoAsync(baseUrl + "/admin/sending");
        await page.SelectOptionAsync("#source", $"edition:{edition}");
        await page.FillAsync("#date", tomorrow);
        await page.FillAsync("#time", "10:00");
        await page.ClickAsync("text=Schedule the send");
        await page.WaitForSelectorAsync("[role=status]:has-text('goes out at')");
        Assert.Equal("scheduled", await ScalarAsync<string>(database, "SELECT state FROM editions WHERE id = @edition", new { edition }));
        await page.ClickAsync("button:has-text('Cancel schedule')");
        await page.WaitForSelectorAsync("#confirm-cancel-heading");
        await Shot("cancel-confirmation");
        Assert.Equal("active", await ScalarAsync<string>(database, "SELECT status FROM schedules ORDER BY id DESC LIMIT 1"));
        await page.ClickAsync("button:has-text('Yes, cancel schedule')");
        await page.WaitForSelectorAsync("[role=status]:has-text('is a draft again')");
        Assert.Equal("draft", await ScalarAsync<string>(database, "SELECT state FROM editions WHERE id = @edition", new { edition }));

        // 7. Send it now: nothing is pre-selected, and the confirmation names the audience and its live count.
        Assert.Equal("", await page.InputValueAsync("#source"));
        await page.SelectOptionAsync("#source", $"edition:{edition}");
        await page.ClickAsync("text=Send now…");
        await page.WaitForSelectorAsync("#confirm-send-heading");
        Assert.Contains($"It goes now to the {Readers} recipients of the list CECOP Newsletter", await page.InnerTextAsync("form.confirm"));
        await Shot("send-confirmation");
        Assert.Equal(0, await ScalarAsync<long>(database, "SELECT count(*) FROM mailings"));
        var started = page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/admin/sending/mailings/\d+$"));
        await page.ClickAsync($"button:has-text('Yes, send to {Readers} recipients now')");
        await started;
        var mailing = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);

        // 8. Keyboard only: the skip link, then Pause within three Tabs; then Resume the same way.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("Pause", await TabToAsync(page, "Pause", 3));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-figure=status]:has-text('paused')");
        await Shot("paused");
        var sentWhenPaused = await ScalarAsync<long>(database, "SELECT count(*) FROM ledger WHERE mailing_id = @mailing AND status = 'sent'", new { mailing });
        Assert.InRange(sentWhenPaused, 0, Readers - 1);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("Resume", await TabToAsync(page, "Resume", 3));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-figure=status]:has-text('finished')", new PageWaitForSelectorOptions { Timeout = 90_000 });
        await Shot("finished");

        // Every reader got exactly one copy, the Italian readers in Italian; the test copy stays the only extra message.
        var received = (await ReceivedAsync(smtp, Readers + 1)).Skip(1).Select(m => MimeMessage.Load(new MemoryStream(m))).ToList();
        Assert.Equal(Readers, received.Count);
        Assert.Equal(Enumerable.Range(0, Readers).Select(i => $"reader{i:D2}@example.org"),
            received.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.All(received, m => Assert.Equal(
            m.To.Mailboxes.Single().Address is var a && int.Parse(a[6..8], CultureInfo.InvariantCulture) % 3 == 0
                ? "Le cooperative tengono in Europa le competenze" : "Cooperatives keep Europe's skills at home", m.Subject));

        // 9. The year's figures count the readers reached.
        await page.GotoAsync($"{baseUrl}/admin/reports?Year={TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Brussels).Year}");
        ILocator Figure(string label) => page.Locator("table.report-figures tr")
            .Filter(new LocatorFilterOptions { Has = page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = label, Exact = true }) })
            .Locator("td.number");
        Assert.Equal(Readers.ToString(CultureInfo.InvariantCulture), await Figure("Messages sent: all mailings").InnerTextAsync());
        await Shot("report");
        Assert.Empty(scriptErrors);
        Assert.Equal(0, await serve.StopAsync());
    }

    /// <summary>Presses Tab up to <paramref name="most"/> times until the focused control reads <paramref name="text"/>; returns what has focus.</summary>
    private static async Task<string> TabToAsync(IPage page, string text, int most)
    {
        var focused = "";
        for (var i = 0; i < most && focused != text; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string>("document.activeElement.textContent.trim()");
        }
        return focused;
    }

    private static async Task<IReadOnlyList<byte[]>> ReceivedAsync(AiosmtpdServer smtp, int count)
    {
        for (var i = 0; i < 600 && smtp.Received().Count < count; i++) await Task.Delay(100);
        return smtp.Received().Select(r => r.Data).ToList();
    }

    private static async Task<T> ScalarAsync<T>(Database database, string sql, object? parameters = null)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }
}
