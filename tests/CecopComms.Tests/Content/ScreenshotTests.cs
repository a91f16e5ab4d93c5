using CecopComms.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CecopComms.Tests.ContentTests;

/// <summary>A rendered edition in headless Chromium (Debian's chromium package): something is drawn, about 600 px wide.</summary>
public sealed class ScreenshotTests
{

    [Fact]
    public async Task A_rendered_edition_draws_a_600_pixel_wide_newsletter_in_chromium()
    {
        using var bed = await ContentTestBed.CreateAsync();
        var mailing = await bed.LoadEditionAsync("cecop-newsletter-2021-06.yaml");
        var html = mailing.Render(ContentTestBed.Reader("it"), ContentTestBed.Links).Html;

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 800 } });
        await page.RouteAsync("**/*", route => route.Request.Url.StartsWith("data:", StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());
        await page.SetContentAsync(html);
        var box = await page.Locator("#main").BoundingBoxAsync();
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", "cecop-newsletter-2021-06.it.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

        Assert.NotNull(box);
        Assert.InRange(box.Width, 590, 610);
        Assert.True(box.Height > 800, $"the newsletter is {box.Height} px high");
        Assert.True(png.Length > 20_000, $"the screenshot is only {png.Length} bytes");
        Assert.True(await page.EvaluateAsync<bool>(
            "() => getComputedStyle(document.querySelector('.masthead')).backgroundColor === 'rgb(166, 25, 46)'"), "the masthead's inlined colour is not drawn");
    }
}
