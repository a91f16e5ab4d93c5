using System.Globalization;
using System.Text.Json.Nodes;
using CecopComms.Storage;
using CecopComms.Tests.Infrastructure;
using CecopComms.Tests.Peers;
using CecopComms.Web;
using CecopComms.Web.Admin;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// The settings page in Chromium on a phone (390 × 844) against `cecop serve`: it fits the screen and passes axe-core
/// as it comes, with a check's sentence and with problems on its fields; the SMTP check against aiosmtpd and a save
/// are done with the keyboard (Enter in a field saves, it does not run a check).
/// </summary>
public sealed class SettingsBrowserTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task On_a_phone_the_page_fits_passes_axe_checks_a_server_and_saves_with_the_keyboard()
    {
        await using var smtp = await AiosmtpdServer.StartAsync();
        using var workspace = new TempWorkspace();
        var baseUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        workspace.WriteSettings(new JsonObject
        {
            ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["Path"] = workspace.DatabasePath },
            ["Delivery"] = new JsonObject
            {
                ["Transport"] = "outbox",
                ["OutboxPath"] = workspace.Path("outbox"),
                ["PublicBaseUrl"] = baseUrl,
                ["TokenSecret"] = CecopWebFactory.TokenSecret,
                ["MessageIdDomain"] = "cecop.example",
                ["BounceDomain"] = "bounces.cecop.example",
            },
            ["Web"] = new JsonObject { ["Urls"] = baseUrl },
        });
        await using var serve = await ServeProcess.StartAsync(workspace, baseUrl);
        var database = workspace.NewDatabase();
        await new UserStore(database, TimeProvider.System, Options.Create(new WebOptions()))
            .AddAsync("admin@cecop.example", "Ada", "admin", Password, CancellationToken.None, iterations: 10_000);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(baseUrl + "/admin/login");
        await page.FillAsync("#email", "admin@cecop.example");
        await page.FillAsync("#password", Password);
        var signedIn = page.WaitForURLAsync(baseUrl + "/admin");
        await page.PressAsync("#password", "Enter");
        await signedIn;
        await page.GotoAsync(baseUrl + "/admin/settings");
        await AssertFitsAndPassesAsync(page, "the settings page");

        // The empty row adds a server; its check runs with the values on the page, not yet saved.
        await page.FillAsync("#server-0-host", "127.0.0.1");
        await page.FillAsync("#server-0-port", smtp.Port.ToString(CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#server-0-security", "None");
        // From the row's last field, two Tabs (past the certificate box) reach its check button.
        await page.FocusAsync("#server-0-max-connections");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Check the SMTP connection", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await NewPageAfterAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.True(await page.IsVisibleAsync("#check-result"), $"No check result at {page.Url}: {await page.TextContentAsync("main")}");
        Assert.Equal($"Connected to 127.0.0.1:{smtp.Port}; the server answered, and no sign-in was tried as no user name is set.",
            (await page.TextContentAsync("#check-result"))!.Trim());
        await AssertFitsAndPassesAsync(page, "the page with a check's sentence");
        Assert.Equal(0, await CountAsync(database));

        // A wrong rate: the problem is on its field and in the summary, and the page still passes.
        await page.CheckAsync("input[name='Form.Transport'][value=smtp]");
        await page.FillAsync("#rate-per-second", "fast");
        await NewPageAfterAsync(page, () => page.PressAsync("#rate-per-second", "Enter"));
        Assert.Contains("Messages per second must be 0 (no limit) or a number from 0.01 to 1000000.", await page.TextContentAsync("#rate-per-second-problem"));
        await AssertFitsAndPassesAsync(page, "the page with problems");

        // Enter in a field saves the whole form: the first button of the form is "Save the settings", not a check.
        await page.FillAsync("#rate-per-second", "3");
        await NewPageAfterAsync(page, () => page.PressAsync("#rate-per-second", "Enter"));
        Assert.Contains("Saved: SMTP servers, Sending rates.", await page.TextContentAsync("p.notice[role=status]"));
        Assert.Equal("3", await page.InputValueAsync("#rate-per-second"));
        Assert.Equal(2, await CountAsync(database));
        await AssertFitsAndPassesAsync(page, "the page after a save");
        await context.CloseAsync();
        Assert.Equal(0, await serve.StopAsync());
    }

    /// <summary>
    /// Acts, then waits until another document has loaded: a mark on the window goes with the old one. (A save redirects
    /// to the URL it was posted from, which a wait for the URL would take as already reached.)
    /// </summary>
    private static async Task NewPageAfterAsync(IPage page, Func<Task> act)
    {
        await page.EvaluateAsync("window.cecopMark = 'old page'");
        await act();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                if (await page.EvaluateAsync<bool>("window.cecopMark === undefined && document.readyState === 'complete'")) return;
            }
            catch (PlaywrightException)
            {
                // The context went away mid-navigation: the next look finds the new page.
            }
            if (DateTime.UtcNow > until) throw new TimeoutException($"No new page within 30 s; still at {page.Url}.");
            await Task.Delay(100);
        }
    }

    private static async Task AssertFitsAndPassesAsync(IPage page, string what)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{what} is {width} px wide on a 390 px phone.");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
    }

    private static async Task<long> CountAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM settings");
    }
}
