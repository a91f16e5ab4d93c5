using System.Text.RegularExpressions;
using CecopComms.Content.Editions;
using CecopComms.Content.Validation;
using CecopComms.Tests.Infrastructure;
using CecopComms.Web.Admin;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// The compose form in headless Chromium against the host on Kestrel (127.0.0.1, a free port), on a desktop and on a
/// 390 × 844 phone. With script (compose.js) news items and language variants are added and removed in place: no
/// navigation, the focus on the new block (or the removed one's neighbour), the change announced, names renumbered so
/// the saved edition holds what the form shows; the preview follows the form without taking the focus. Without script
/// the buttons post the form, and the form shown again has the new block's first field focused and in view. Keyboard:
/// "Add another news item" and "Preview this draft" are reached with Tab. axe-core finds nothing serious.
/// </summary>
public sealed partial class ComposeBrowserTests : WorkspaceTest
{
    private const string Password = KestrelApp.Password;
    private const string Compose = "/admin/content/editions/compose";

    [GeneratedRegex(@"/admin/content/editions/\d+$")]
    private static partial Regex EditionPage();

    [Theory]
    [InlineData(1400, 900)]
    [InlineData(390, 844)]
    public async Task With_script_blocks_are_added_and_removed_in_place_and_the_preview_follows_the_form(int width, int height)
    {
        var (app, baseUrl) = await StartAsync();
        await using var _ = app;
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height }, IsMobile = width < 500, HasTouch = width < 500,
        });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        // The preview's images are kept from leaving the machine: those failed loads are expected; any other error (a
        // script's, a refused policy, a request the server refused) is not.
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.Contains("net::ERR_FAILED", StringComparison.Ordinal)) scriptErrors.Add(message.Text); };
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.RouteAsync("**/*", route => route.Request.Url.StartsWith(baseUrl + "/", StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());
        await SignInAsync(page, baseUrl);
        await page.GotoAsync(baseUrl + Compose);
        await page.SelectOptionAsync("#Form_Publication", "cecop-newsletter");
        await page.FillAsync("#Form_Date", "2026-11-02");
        await page.FillAsync("#Form_Subject", "November news");
        await page.FillAsync("#Form_Intro", "The November edition.");
        await FillItemAsync(page, 0, "Worker buyouts in Europe", "https://cecop.coop/works/buyouts");
        // A mark on the window: any navigation would wipe it.
        await page.EvaluateAsync("window.cecopMark = 'no navigation'");
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        // Keyboard: from the last field of the only item, Tab reaches its remove button, then "Add another news item".
        await page.FocusAsync("#Form_Items_0__ImageAlt");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Remove news item 1", await ActiveTextAsync(page));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Add another news item", await ActiveTextAsync(page));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("Form.Items[1].Date", await ActiveNameAsync(page));
        Assert.True(await InViewAsync(page, "#Form_Items_1__Date", height), "the new item's first field is out of view");
        await UntilAsync(async () => await page.TextContentAsync("[data-compose-announce]") == "News item 2 added.");
        Assert.Equal("News item 2", await page.TextContentAsync("[data-item]:nth-child(2) > legend"));
        await FillItemAsync(page, 1, "Social cooperatives in care", "https://cecop.coop/works/care");

        // A language variant, by a click: its block holds a title for each item, the focus on its language.
        await page.ClickAsync("button:has-text('Add a language variant')");
        Assert.Equal("Form.Variants[0].Language", await ActiveNameAsync(page));
        Assert.Equal(2, await page.Locator("[data-variant] [data-variant-item]").CountAsync());
        await page.SelectOptionAsync("#Form_Variants_0__Language", "fr");
        Assert.Equal("Variant 1 (fr)", await page.TextContentAsync("[data-variant] > legend"));
        await page.FillAsync("#Form_Variants_0__Subject", "Nouvelles de novembre");
        await page.FillAsync("#Form_Variants_0__Intro", "L'édition de novembre.");
        await page.FillAsync("#Form_Variants_0__Titles_1_", "Les coopératives sociales dans les soins");
        Assert.Equal("News item 2: Social cooperatives in care", await page.TextContentAsync("[data-variant-item]:nth-child(2) > legend"));

        // A third item, then the first removed: the others move up, names and words renumbered, the focus on the neighbour.
        await page.ClickAsync("button:has-text('Add another news item')");
        await FillItemAsync(page, 2, "A conference report", "https://cecop.coop/works/report");
        await page.ClickAsync("button:has-text('Remove news item 1')");
        Assert.Equal("Form.Items[0].Date", await ActiveNameAsync(page));
        Assert.Equal("Social cooperatives in care", await page.InputValueAsync("input[name='Form.Items[0].Title']"));
        Assert.Equal("A conference report", await page.InputValueAsync("input[name='Form.Items[1].Title']"));
        Assert.Equal("Les coopératives sociales dans les soins", await page.InputValueAsync("input[name='Form.Variants[0].Titles[0]']"));
        Assert.Equal("Remove news item 2", await page.TextContentAsync("[data-item]:nth-child(2) > button"));
        Assert.Equal(0, await page.Locator("[name='Form.Items[2].Title'], [name='Form.Variants[0].Titles[2]']").CountAsync());
        Assert.Equal("no navigation", await page.EvaluateAsync<string>("window.cecopMark"));
        Assert.Equal(0, navigations);

        // The preview follows the form: a moment after typing stops it shows the new subject, and the focus stays.
        await page.FillAsync("#Form_Subject", "");
        await page.FocusAsync("#Form_Subject");
        await page.Keyboard.TypeAsync("November news, revised");
        var preview = page.FrameLocator(".draft-preview iframe:not([hidden])");
        await preview.Locator("text=Social cooperatives in care").First.WaitForAsync(new() { Timeout = 15_000 });
        await UntilAsync(async () => (await page.Locator(".draft-preview iframe").CountAsync()) == 1);
        Assert.Equal("Form.Subject", await ActiveNameAsync(page));
        // Typing again: while the next showing loads, the one on screen stays (it is never blank), then gives way.
        await page.Keyboard.TypeAsync(" again");
        for (var until = DateTime.UtcNow.AddSeconds(3); DateTime.UtcNow < until; await Task.Delay(50))
        {
            // (A frame being swapped out as it is read counts nothing; the one on screen then is read again at once.)
            var shown = await preview.Locator("text=Social cooperatives in care").CountAsync() > 0 || await preview.Locator("text=Social cooperatives in care").CountAsync() > 0;
            Assert.True(shown, "the preview went blank while the next one loaded");
        }
        await preview.Locator("text=November news, revised again").First.WaitForAsync(new() { Timeout = 15_000 });
        for (var i = 0; i < " again".Length; i++) await page.Keyboard.PressAsync("Backspace");
        Assert.Equal("November news, revised", await page.InputValueAsync("#Form_Subject"));
        Assert.Equal("Form.Subject", await ActiveNameAsync(page));
        Assert.Equal("no navigation", await page.EvaluateAsync<string>("window.cecopMark"));
        if (width >= 1200)
            Assert.True(await InViewAsync(page, ".draft-preview iframe", height), "the preview is not beside the form");
        else
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, "the form is wider than the phone");

        // Keyboard: from Save, Tab reaches the preview language, then "Preview this draft".
        await page.FocusAsync("button:has-text('Save the edition') >> nth=0");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("PreviewLanguage", await ActiveNameAsync(page));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Preview this draft", await ActiveTextAsync(page));
        if (width < 1200)
        {
            // On a narrow screen the preview opens on its own, as without script.
            var opened = context.WaitForPageAsync();
            await page.Keyboard.PressAsync("Enter");
            var popup = await opened;
            await popup.Locator("text=A conference report").First.WaitForAsync();
            await popup.CloseAsync();
        }

        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        Assert.Empty(scriptErrors);
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, $"admin-compose-{width}.png") });

        var saved = page.WaitForURLAsync(EditionPage());
        await page.ClickAsync("button:has-text('Save the edition') >> nth=-1");
        await saved;
        Assert.Contains("Saved CECOP Newsletter", await page.TextContentAsync(".notice[role=status]"));
        var edition = Assert.Single(await app.Services.GetRequiredService<EditionStore>().ListAsync("cecop-newsletter", CancellationToken.None));
        var document = EditionReader.Read(new SourceText(edition.SourceName, edition.Source), new Diagnostics())!;
        Assert.Equal(["Social cooperatives in care", "A conference report"], document.Items.Select(i => i.Title.Variants["en"].Value));
        Assert.Equal("Les coopératives sociales dans les soins", document.Items[0].Title.Variants["fr"].Value);
        Assert.Equal("November news, revised", edition.Subject);
        await context.CloseAsync();
    }

    [Theory]
    [InlineData(1400, 900)]
    [InlineData(390, 844)]
    public async Task Without_script_the_block_added_has_the_focus_and_is_in_view(int width, int height)
    {
        var (app, baseUrl) = await StartAsync();
        await using var _ = app;
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, baseUrl);
        await page.GotoAsync(baseUrl + Compose);
        await FillItemAsync(page, 0, "Worker buyouts in Europe", "https://cecop.coop/works/buyouts");

        // Keyboard: Tab from the item's last field reaches "Add another news item"; Enter posts the form.
        await page.FocusAsync("#Form_Items_0__ImageAlt");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal(1, await page.Locator("button:focus:has-text('Add another news item')").CountAsync());
        var added = page.WaitForURLAsync("**handler=AddItem");
        await page.Keyboard.PressAsync("Enter");
        await added;
        Assert.Equal(1, await page.Locator("#Form_Items_1__Date:focus").CountAsync());
        Assert.True(await InViewAsync(page, "#Form_Items_1__Date", height), "the new item's first field is out of view");
        Assert.Equal("Worker buyouts in Europe", await page.InputValueAsync("#Form_Items_0__Title"));

        var variant = page.WaitForURLAsync("**handler=AddLanguage");
        await page.ClickAsync("button:has-text('Add a language variant')");
        await variant;
        Assert.Equal(1, await page.Locator("#Form_Variants_0__Language:focus").CountAsync());
        Assert.True(await InViewAsync(page, "#Form_Variants_0__Language", height), "the new variant is out of view");

        var removed = page.WaitForURLAsync("**handler=RemoveItem");
        await page.ClickAsync("button:has-text('Remove news item 1')");
        await removed;
        Assert.Equal(1, await page.Locator("#Form_Items_0__Date:focus").CountAsync());
        Assert.Equal(1, await page.Locator("[name='Form.Variants[0].Titles[0]']").CountAsync());
        Assert.Equal(0, await page.Locator("[name='Form.Items[1].Date']").CountAsync());
        // The preview panel is compose.js's; without it the button opens the preview on its own.
        Assert.False(await page.IsVisibleAsync(".draft-preview"));
        Assert.Equal("_blank", await page.GetAttributeAsync("button:has-text('Preview this draft')", "formtarget"));
        await context.CloseAsync();
    }

    private Task<(WebApplication App, string BaseUrl)> StartAsync() => KestrelApp.StartAsync(Workspace, ("editor@cecop.example", "Elena", "editor"));

    private static async Task SignInAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/admin/login");
        await page.FillAsync("#email", "editor@cecop.example");
        await page.FillAsync("#password", Password);
        var signedIn = page.WaitForURLAsync(baseUrl + "/admin");
        await page.PressAsync("#password", "Enter");
        await signedIn;
    }

    private static async Task FillItemAsync(IPage page, int i, string title, string link)
    {
        await page.FillAsync($"#Form_Items_{i}__Date", "2026-10-30");
        await page.FillAsync($"#Form_Items_{i}__Title", title);
        await page.CheckAsync($"input[name='Form.Items[{i}].Tags'][value='News']");
        await page.FillAsync($"#Form_Items_{i}__Summary", $"About *{title}*.");
        await page.FillAsync($"#Form_Items_{i}__Link", link);
    }

    private static Task<string> ActiveNameAsync(IPage page) => page.EvaluateAsync<string>("document.activeElement.name");

    private static Task<string> ActiveTextAsync(IPage page) => page.EvaluateAsync<string>("document.activeElement.textContent.trim()");

    // Wholly inside the viewport (the bounding box is measured from the viewport's top left).
    private static async Task<bool> InViewAsync(IPage page, string selector, int height) =>
        await page.Locator(selector).First.BoundingBoxAsync() is { } box && box.Y >= 0 && box.Y + box.Height <= height;

    /// <summary>Polls from the test (the page's CSP forbids the string evaluation Playwright's WaitForFunction uses).</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("Not so within 10 s.");
            await Task.Delay(100);
        }
    }
}
