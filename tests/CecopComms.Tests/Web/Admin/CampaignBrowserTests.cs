using CecopComms.Content.Campaigns;
using CecopComms.Tests.Infrastructure;
using CecopComms.Web.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// A campaign made in headless Chromium against the host on Kestrel (127.0.0.1, a free port), on a desktop and on a
/// 390 × 844 phone: create the campaign, add a mailing written in English and Italian, save it and preview it in
/// Italian; each page passes axe-core and, on the phone, none scrolls sideways. Screenshots:
/// screenshots/admin-campaign-*.png beside the test assembly.
/// </summary>
public sealed class CampaignBrowserTests : WorkspaceTest
{
    private const string Password = KestrelApp.Password;

    [Fact]
    public async Task A_campaign_is_created_and_its_mailing_written_in_English_and_Italian_is_previewed_on_a_desktop_and_a_phone()
    {
        var (started, baseUrl) = await KestrelApp.StartAsync(Workspace, ("editor@cecop.example", "Elena", "editor"));
        await using var app = started;
        await using var chromium = await HeadlessChromium.LaunchAsync();

        await JourneyAsync(chromium.Browser, baseUrl, "desktop-coops", new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        await JourneyAsync(chromium.Browser, baseUrl, "phone-coops",
            new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });

        var store = app.Services.GetRequiredService<CampaignStore>();
        foreach (var slug in new[] { "desktop-coops", "phone-coops" })
        {
            var mailing = Assert.Single(await store.MailingsAsync(await store.GetAsync(slug, CancellationToken.None), CancellationToken.None));
            Assert.Contains("01-opening.it.md", mailing.Files);
        }
        await app.StopAsync();
    }

    private static async Task JourneyAsync(IBrowser browser, string baseUrl, string slug, BrowserNewContextOptions options)
    {
        var context = await browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        var width = options.ViewportSize!.Width;
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        // Nothing leaves the machine: the template's https images are refused before they are fetched.
        await page.RouteAsync("**/*", route => route.Request.Url.StartsWith(baseUrl + "/", StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());
        async Task CheckAsync(string what)
        {
            var found = await Axe.SeriousViolationsAsync(page);
            Assert.True(found.Count == 0, $"{what} at {width} px: {string.Join("; ", found)}");
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{what} is {scrollWidth} px wide on a {width} px screen");
        }
        async Task GoAsync(string pattern, Func<Task> action)
        {
            var arrived = page.WaitForURLAsync(pattern);
            await action();
            try { await arrived; }
            catch (TimeoutException) { Assert.Fail($"Not at {pattern} but at {page.Url}: {await page.TextContentAsync("main")}"); }
        }

        await page.GotoAsync($"{baseUrl}/admin/login?ReturnUrl=/admin/content");
        await page.FillAsync("#email", "editor@cecop.example");
        await page.FillAsync("#password", Password);
        await GoAsync("**/admin/content", () => page.ClickAsync("button:has-text('Sign in')"));
        await GoAsync("**/admin/content/campaign-definition", () => page.ClickAsync("a:has-text('New campaign')"));
        await CheckAsync("the new campaign form");
        await page.FillAsync("#Form_Slug", slug);
        await page.FillAsync("#Form_Name", "Cooperatives at work");
        await page.FillAsync("#Form_Hashtag", "#CoopsAtWork");
        await page.FillAsync("#Form_Starts", "2026-09-01");
        await page.FillAsync("#Form_Ends", "2026-12-31");
        await page.SelectOptionAsync("#Form_Audience", "list:external-newsletter");
        await page.FillAsync("#Form_FromName", "CECOP");
        await page.FillAsync("#Form_FromAddress", "communication@cecop.coop");
        await page.CheckAsync("#Form_Languages_it");
        await GoAsync($"**/admin/content/campaigns/{slug}", () => page.ClickAsync("button:has-text('Create the campaign')"));
        Assert.Contains("Created the campaign Cooperatives at work.", await page.TextContentAsync("[role=status]"));
        await CheckAsync("the campaign page");

        await GoAsync($"**/admin/content/campaign-mailing/{slug}", () => page.ClickAsync("a:has-text('Add a mailing')"));
        await page.FillAsync("#Form_Slug", "01-opening");
        await page.FillAsync("#Form_Title", "the opening");
        await page.FillAsync("#Form_Planned", "2026-09-15T10:00");
        await page.FillAsync("#Form_Texts_0__Subject", "Cooperatives at work: our campaign starts");
        await page.FillAsync("#Form_Texts_0__Body", "Our campaign shows **cooperatives at work**.\n\n[Follow it](https://cecop.coop/campaigns/at-work)");
        // The campaign's Italian is offered already.
        Assert.Equal("it", await page.InputValueAsync("#Form_Texts_1__Language"));
        await page.FillAsync("#Form_Texts_1__Subject", "Cooperative al lavoro: parte la nostra campagna");
        await page.FillAsync("#Form_Texts_1__Body", "La nostra campagna mostra le **cooperative al lavoro**.\n\n[Seguila](https://cecop.coop/campaigns/at-work)");
        await CheckAsync("the mailing form");
        await GoAsync($"**/admin/content/campaign-mailing/{slug}/01-opening", () => page.ClickAsync("button:has-text('Save the mailing') >> nth=-1"));
        Assert.Contains("Saved the mailing 01-opening.", await page.TextContentAsync("[role=status]"));
        Assert.Equal("2026-09-15T10:00", await page.InputValueAsync("#Form_Planned"));

        await GoAsync("**/admin/content/preview/campaign-mailing/*", () => page.ClickAsync("a:has-text('Preview and test-send')"));
        await page.SelectOptionAsync("#lang", "it");
        await GoAsync("**?lang=it*", () => page.ClickAsync("button:has-text('Show the preview')"));
        var frame = page.FrameLocator("iframe.preview");
        await frame.Locator("text=cooperative al lavoro").First.WaitForAsync();
        Assert.Equal("it", await frame.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("La nostra campagna mostra le cooperative al lavoro", await page.TextContentAsync("pre.text-version"));
        await CheckAsync("the preview");

        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"admin-campaign-{width}.png"), FullPage = true });
        Assert.Empty(violations);
        await context.CloseAsync();
    }
}
