using System.Text.Json.Nodes;
using CecopComms.Audience;
using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Hosting;
using CecopComms.Storage;
using CecopComms.Tests.Infrastructure;
using CecopComms.Web;
using CecopComms.Web.Admin;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// A live mailing's page in Chromium against `cecop serve` sending for real (through the outbox, held to 3 messages a
/// second so the send lasts a while): the figures follow the send without reloading the page, so the keyboard focus
/// stays put; Pause is three keys from the top (skip link, back link, Pause); the state change shows Resume; the page
/// passes axe-core; without script it reloads itself instead.
/// </summary>
public sealed class MailingPageBrowserTests
{
    private const string Password = "correct horse battery staple";
    private const int Readers = 45;

    [Fact]
    public async Task Progress_updates_in_place_pause_is_three_keys_away_axe_finds_nothing_serious_and_it_fits_a_phone()
    {
        using var workspace = new TempWorkspace();
        var baseUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        var settings = new JsonObject
        {
            ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["Path"] = workspace.DatabasePath },
            ["Delivery"] = new JsonObject
            {
                ["Transport"] = "outbox",
                ["OutboxPath"] = workspace.Path("outbox"),
                ["RatePerSecond"] = 3,
                ["PublicBaseUrl"] = baseUrl,
                ["TokenSecret"] = CecopWebFactory.TokenSecret,
                ["MessageIdDomain"] = "cecop.example",
                ["BounceDomain"] = "bounces.cecop.example",
            },
            ["Web"] = new JsonObject { ["Urls"] = baseUrl },
        };
        workspace.WriteSettings(settings);
        await using var serve = await ServeProcess.StartAsync(workspace, baseUrl);
        var database = workspace.NewDatabase();
        await new UserStore(database, TimeProvider.System, Options.Create(new WebOptions()))
            .AddAsync("editor@cecop.example", "Elena", "editor", Password, CancellationToken.None, iterations: 10_000);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") scriptErrors.Add(message.Text); };
        await SignInAsync(page, baseUrl);

        long mailing;
        // The same settings as serve, in this process: readers, an edition and its running mailing, which serve's sender sends.
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(workspace.Root, "appsettings.json")).Build();
        await using (var services = await AppServices.StartAsync(configuration, CancellationToken.None))
        {
            var subscribers = services.GetRequiredService<SubscriberStore>();
            for (var i = 0; i < Readers; i++)
                await subscribers.AddAsync(new NewSubscriber($"reader{i:D2}@example.org", $"Reader {i}", "en", null), ["external-newsletter"],
                    confirmed: true, consent: new NewConsent("cli", "test", "v1"), CancellationToken.None);
            var edition = await ArchiveWebFactory.LoadAsync(services.GetRequiredService<MailingContent>(), "cecop-newsletter-2021-06.yaml", 7, "2026-10-15");
            mailing = (await services.GetRequiredService<MailingStarter>()
                .StartAsync(new MailingSource(MailingSourceKind.Edition, edition), MailingStatus.Running, CancellationToken.None)).Id;
        }

        var url = $"{baseUrl}/admin/sending/mailings/{mailing}";
        await page.GotoAsync(url);
        Assert.Equal("running", await page.TextContentAsync("[data-figure=status]"));
        var sentAtFirst = await page.TextContentAsync("[data-figure=sent]");
        // A mark on the window: a reload would wipe it.
        await page.EvaluateAsync("window.cecopMark = 'still here'");

        // Keyboard only: the skip link, then the back link, then Pause.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Pause", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));

        // The figures move while the focus stays on Pause and the page is not reloaded.
        await UntilAsync(async () => await page.TextContentAsync("[data-figure=sent]") != sentAtFirst, TimeSpan.FromSeconds(30));
        Assert.Equal("still here", await page.EvaluateAsync<string>("window.cecopMark"));
        Assert.Equal("Pause", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        // The bar and the words say the same, read in one go.
        Assert.True(await page.EvaluateAsync<bool>("String(document.querySelector('progress').value) === document.querySelector('[data-figure=done]').textContent.replace(/,/g, '')"));
        Assert.Empty(await Axe.SeriousViolationsAsync(page));

        // Enter on Pause pauses it; the page then offers Resume, again within three keys.
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-figure=status]:has-text('paused')");
        Assert.Equal("paused", await ScalarAsync<string>(database, "SELECT status FROM mailings WHERE id = @mailing", new { mailing }));
        Assert.False(await page.IsVisibleAsync("form:has(button:text-is('Pause'))"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Resume", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));

        // A state changed elsewhere (the CLI, another officer) reaches the open page too, without a reload: resumed, it
        // shows Pause again and follows the send to its end; the focus stays on Resume while it is there.
        await page.EvaluateAsync("window.cecopMark = 'resumed elsewhere'");
        await ScalarAsync<long>(database, "UPDATE mailings SET status = 'running', status_reason = NULL WHERE id = @mailing", new { mailing });
        try
        {
            await UntilAsync(async () => await page.TextContentAsync("[data-figure=status]") != "paused", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "mailing-page-resume.png"), FullPage = true });
            Assert.Fail($"The open page did not follow the resume: {await page.TextContentAsync("main")}\nscript errors: {string.Join("; ", scriptErrors)}\nserve: {serve.Output}");
        }
        // (On a slow machine the rest may already be out: then it says finished, and Pause has no place.)
        if (await page.TextContentAsync("[data-figure=status]") == "running") Assert.True(await page.IsVisibleAsync("form:has(button:text-is('Pause'))"));
        Assert.Equal("Resume", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await UntilAsync(async () => await page.TextContentAsync("[data-figure=status]") == "finished", TimeSpan.FromSeconds(60));
        Assert.Equal(Readers.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.TextContentAsync("[data-figure=sent]"));
        Assert.False(await page.IsVisibleAsync("form:has(button:text-is('Pause'))"));
        Assert.Contains("finished", await page.EvaluateAsync<string>("document.querySelector('[data-announce]').textContent"));
        Assert.Equal("resumed elsewhere", await page.EvaluateAsync<string>("window.cecopMark"));
        Assert.Empty(scriptErrors);

        // The sending page, with its confirmation step, passes axe-core too.
        await page.GotoAsync(baseUrl + "/admin/sending");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));

        // Without script: the page reloads itself while the mailing runs (noscript refresh) and shows the same controls.
        var plain = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var noScript = await plain.NewPageAsync();
        await SignInAsync(noScript, baseUrl);
        await noScript.GotoAsync(url);
        Assert.Equal("finished", await noScript.TextContentAsync("[data-figure=status]"));
        Assert.Equal(0, await noScript.Locator("form:visible:has(button:text-is('Pause'))").CountAsync());
        await plain.CloseAsync();

        // On a 390 × 844 phone: no page scrolls sideways (wide tables scroll inside their own box), and sign-out is on screen.
        var phone = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var small = await phone.NewPageAsync();
        await SignInAsync(small, baseUrl);
        foreach (var path in new[] { "/admin", "/admin/sending", $"/admin/sending/mailings/{mailing}", "/admin/audiences/subscribers", "/admin/content", "/admin/reports" })
        {
            await small.GotoAsync(baseUrl + path);
            Assert.True(await small.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, $"{path} is wider than the phone: {await small.EvaluateAsync<int>("document.documentElement.scrollWidth")} px");
            var signOut = await small.Locator("form.signout button").BoundingBoxAsync();
            Assert.True(signOut is { } box && box.X >= 0 && box.X + box.Width <= 390, $"{path}: sign-out is cut off");
        }
        await phone.CloseAsync();
        Assert.Equal(0, await serve.StopAsync());
    }

    /// <summary>Polls from the test (the page's CSP forbids the string evaluation Playwright's WaitForFunction uses).</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Not so within {timeout.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    private static async Task SignInAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/admin/login");
        await page.FillAsync("#email", "editor@cecop.example");
        await page.FillAsync("#password", Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForURLAsync(baseUrl + "/admin");
    }

    private static async Task<T> ScalarAsync<T>(Database database, string sql, object parameters)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }
}
