using CecopComms.Delivery;
using CecopComms.Storage;
using CecopComms.Tests.ContentTests;
using CecopComms.Tests.Infrastructure;
using Dapper;
using Microsoft.Playwright;

namespace CecopComms.Tests.Web;

/// <summary>
/// Every page a reader or a member meets, with CECOP's sample audiences and the two demo editions sent, in Chromium against
/// `cecop serve`: the home page, sign-up and its answer, a confirmation link, preferences and unsubscribe links (and an
/// unsubscribe link used twice), both archives and an edition in each, the member login and an error page:
/// - axe-core finds no serious or critical violation;
/// - with the keyboard alone, Tab from the top of the page reaches every visible link, button and field;
/// - on a 390 × 844 phone no page scrolls sideways.
/// </summary>
public sealed class PublicPagesSweepTests
{
    [Fact]
    public async Task Every_public_page_passes_axe_is_reached_with_the_keyboard_and_fits_a_phone()
    {
        using var workspace = new TempWorkspace();
        var baseUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        workspace.WriteSettings(ServeProcess.Settings(workspace, baseUrl));
        var samples = Path.Combine(ContentTestBed.Repository, "samples");
        foreach (var args in new[]
        {
            new[] { "orgs", "import", Path.Combine(samples, "organisations.csv") },
            ["subscribers", "import", Path.Combine(samples, "members-contacts.csv"), "--list", "cecop-link"],
            ["subscribers", "import", Path.Combine(samples, "public-subscribers.csv"), "--list", "external-newsletter"],
            ["subscribers", "add", "new.reader@example.org", "--name", "New Reader", "--language", "en", "--list", "external-newsletter"],
            ["editions", "load", Path.Combine(ContentTestBed.Repository, "editions", "cecop-link-2021-06.yaml")],
            ["editions", "load", Path.Combine(ContentTestBed.Repository, "editions", "cecop-newsletter-2021-06.yaml")],
            ["send", "edition:1", "--now"],
            ["send", "edition:2", "--now"],
        })
        {
            var result = await CecopProcess.RunAsync(workspace, args);
            Assert.True(result.ExitCode == 0, $"cecop {string.Join(' ', args)}: {result}");
        }

        var database = workspace.NewDatabase();
        var signer = new TokenSigner(Convert.FromBase64String(CecopWebFactory.TokenSecret));
        string reader, member, unconfirmed, newsletter, link;
        long newsletterList, newsletterMailing;
        await using (var connection = await database.OpenAsync())
        {
            reader = await connection.QuerySingleAsync<string>("""
                SELECT s.uuid FROM subscribers s JOIN subscriptions x ON x.subscriber_id = s.id JOIN lists l ON l.id = x.list_id
                WHERE l.slug = 'external-newsletter' AND x.status = 'confirmed' ORDER BY s.id LIMIT 1
                """);
            member = await connection.QuerySingleAsync<string>("""
                SELECT s.uuid FROM subscribers s JOIN subscriptions x ON x.subscriber_id = s.id JOIN lists l ON l.id = x.list_id
                WHERE l.slug = 'cecop-link' AND x.status = 'confirmed' ORDER BY s.id LIMIT 1
                """);
            unconfirmed = await connection.QuerySingleAsync<string>("SELECT uuid FROM subscribers WHERE email_key = 'new.reader@example.org'");
            newsletterList = await connection.QuerySingleAsync<long>("SELECT id FROM lists WHERE slug = 'external-newsletter'");
            newsletterMailing = await connection.QuerySingleAsync<long>("SELECT id FROM mailings WHERE source_id = 2");
            newsletter = await connection.QuerySingleAsync<string>("SELECT 'cecop-newsletter/' || year || '/' || number FROM editions WHERE id = 2");
            link = await connection.QuerySingleAsync<string>("SELECT 'cecop-link/' || year || '/' || number FROM editions WHERE id = 1");
        }
        var unsubscribe = signer.Create(new RecipientToken(TokenPurpose.Unsubscribe, Guid.Parse(reader), newsletterMailing));
        var pages = new List<string>
        {
            "/",
            "/subscribe",
            "/subscribe/external-newsletter",
            "/subscribe/sent",
            "/confirm/" + signer.CreateExpiring(new ExpiringToken(TokenPurpose.Confirm, Guid.Parse(unconfirmed), newsletterList, DateTimeOffset.UtcNow.AddDays(2))),
            "/preferences/" + signer.Create(new RecipientToken(TokenPurpose.Preferences, Guid.Parse(reader), newsletterMailing)),
            "/unsubscribe/" + unsubscribe,
            "/archive",
            "/archive/" + newsletter,
            "/members/login",
            "/no-such-page",
        };

        await using var serve = await ServeProcess.StartAsync(workspace, baseUrl);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var problems = new List<string>();
        var desktop = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var phone = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        var page = await desktop.NewPageAsync();
        var small = await phone.NewPageAsync();

        async Task CheckAsync(string path, int status = 200)
        {
            var response = await page.GotoAsync(baseUrl + path);
            if (response?.Status != status) problems.Add($"{path}: HTTP {response?.Status}, expected {status}");
            foreach (var violation in await Axe.SeriousViolationsAsync(page)) problems.Add($"{path}: {violation}");
            foreach (var missed in await PageChecks.UnreachedByTabAsync(page)) problems.Add($"{path}: Tab never reaches {missed}");
            await small.GotoAsync(baseUrl + path);
            if (await PageChecks.WiderThanAsync(small, 390) is { } wide) problems.Add($"{path} on a phone: {wide}");
        }

        foreach (var path in pages) await CheckAsync(path, path == "/no-such-page" ? 404 : 200);

        // An unsubscribe link used once says so when it is opened again, and the member archive opens with a login link.
        await page.GotoAsync(baseUrl + "/unsubscribe/" + unsubscribe);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForSelectorAsync("h1");
        await CheckAsync("/unsubscribe/" + unsubscribe);
        // A login link is used once: each browser gets its own (expiries a minute apart, so the two links differ).
        var minutes = 10;
        foreach (var browser in new[] { page, small })
        {
            var login = signer.CreateExpiring(new ExpiringToken(TokenPurpose.MemberLogin, Guid.Parse(member), 0, DateTimeOffset.UtcNow.AddMinutes(minutes++)));
            var arrived = browser.WaitForURLAsync(baseUrl + "/members/archive");
            await browser.GotoAsync($"{baseUrl}/members/login/{login}");
            if (await browser.Locator("main form button[type=submit]").CountAsync() > 0) await browser.ClickAsync("main form button[type=submit]");
            await arrived;
        }
        await CheckAsync("/members/archive");
        await CheckAsync("/members/archive/" + link);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(0, await serve.StopAsync());
    }
}
