using CecopComms.Content.Editions;
using CecopComms.Tests.Infrastructure;
using CecopComms.Web.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// Composing and previewing an edition in headless Chromium against the host on Kestrel (127.0.0.1, a free port):
/// sign in, compose an edition with a news item and an Italian variant (added in place by compose.js), save it, open its preview
/// in Italian, whose sandboxed frame shows the Italian title under the frame's own policy. Screenshot:
/// screenshots/admin-preview.png beside the test assembly.
/// </summary>
public sealed class ContentBrowserTests : WorkspaceTest
{
    private const string Password = KestrelApp.Password;

    [Fact]
    public async Task An_edition_is_composed_saved_and_previewed_in_Italian()
    {
        var (started, baseUrl) = await KestrelApp.StartAsync(Workspace, ("editor@cecop.example", "Elena", "editor"));
        await using var app = started;

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("frame", StringComparison.OrdinalIgnoreCase))
                violations.Add(message.Text);
        };
        // Nothing leaves the machine: the template's https images are refused before they are fetched.
        await page.RouteAsync("**/*", route => route.Request.Url.StartsWith(baseUrl + "/", StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());

        await page.GotoAsync($"{baseUrl}/admin/login?ReturnUrl=/admin/content");
        await page.FillAsync("#email", "editor@cecop.example");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button:has-text('Sign in')");
        await page.WaitForURLAsync("**/admin/content");

        var composing = page.WaitForURLAsync("**/admin/content/editions/compose");
        await page.ClickAsync("a:has-text('Compose a new edition')");
        await composing;
        await page.SelectOptionAsync("#Form_Publication", "cecop-newsletter");
        await page.FillAsync("#Form_Date", "2026-10-06");
        await page.FillAsync("#Form_Subject", "Autumn news from CECOP");
        await page.FillAsync("#Form_Intro", "The **autumn** edition.");
        await page.FillAsync("#Form_Items_0__Date", "2026-10-01");
        await page.FillAsync("#Form_Items_0__Title", "Cooperatives in the care sector");
        await page.CheckAsync("input[name='Form.Items[0].Tags'][value='Position paper']");
        await page.FillAsync("#Form_Items_0__Summary", "Our position on *care* cooperatives.");
        await page.FillAsync("#Form_Items_0__Link", "https://cecop.coop/works/care-cooperatives");

        // A language variant is one more block, added in place; what was typed stays.
        await page.ClickAsync("button:has-text('Add a language variant')");
        await page.WaitForSelectorAsync("#Form_Variants_0__Language");
        Assert.Equal("Cooperatives in the care sector", await page.InputValueAsync("#Form_Items_0__Title"));
        await page.SelectOptionAsync("#Form_Variants_0__Language", "it");
        await page.FillAsync("#Form_Variants_0__Subject", "Notizie d'autunno da CECOP");
        await page.FillAsync("#Form_Variants_0__Intro", "L'edizione d'**autunno**.");
        await page.FillAsync("#Form_Variants_0__Titles_0_", "Le cooperative nel settore della cura");
        await page.FillAsync("#Form_Variants_0__Summaries_0_", "La nostra posizione sulle cooperative di *cura*.");
        // The edition's own page (the compose page's address matches editions/* too).
        var saving = page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/admin/content/editions/\d+$"));
        await page.ClickAsync("button:has-text('Save the edition') >> nth=-1");
        await saving;
        Assert.Contains("Saved CECOP Newsletter #1 - 2026 (draft)", await page.TextContentAsync("[role=status]"));
        Assert.Contains("Valid:", await page.TextContentAsync("#validation + div"));

        await page.ClickAsync("a:has-text('Preview and test-send')");
        await page.SelectOptionAsync("#lang", "it");
        var italian = page.WaitForURLAsync("**?lang=it*");
        await page.ClickAsync("button:has-text('Show the preview')");
        await italian;
        var frame = page.FrameLocator("iframe.preview");
        await frame.Locator("text=Le cooperative nel settore della cura").WaitForAsync();
        Assert.Equal("it", await frame.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("Le cooperative nel settore della cura", await page.TextContentAsync("pre.text-version"));

        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "admin-preview.png"), FullPage = true });
        Assert.True(File.Exists(Path.Combine(shots, "admin-preview.png")));
        Assert.Empty(violations);

        var edition = Assert.Single(await app.Services.GetRequiredService<EditionStore>().ListAsync("cecop-newsletter", CancellationToken.None));
        Assert.Equal("Autumn news from CECOP", edition.Subject);
        await app.StopAsync();
    }
}
