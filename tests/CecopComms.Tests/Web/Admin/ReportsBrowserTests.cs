using System.Text.Json.Nodes;
using CecopComms.Tests.Infrastructure;
using CecopComms.Tests.Reach;
using CecopComms.Web;
using CecopComms.Web.Admin;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// The year in numbers in Chromium at 1366 × 768, the laptop screen an officer reads it on, against `cecop serve` over the
/// synthetic 2023 with three years compared and an entered figure set aside: the page does not scroll sideways and the
/// figures table fits its column without a scroll bar of its own.
/// </summary>
public sealed class ReportsBrowserTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_year_report_with_three_years_fits_a_1366_pixel_screen()
    {
        using var year = await SyntheticYear.CreateAsync();
        await year.Past.SetAsync(2023, "cecop-newsletter", "subscribers", 9_999, "CECOP activity report 2023, p. 12", "test", CancellationToken.None);
        await year.Past.SetAsync(2020, "all", "editions", 11, "CECOP activity report 2020, p. 9", "test", CancellationToken.None);
        var baseUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        var workspace = year.Workspace;
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
        await new UserStore(year.Database, TimeProvider.System, Options.Create(new WebOptions()))
            .AddAsync("editor@cecop.example", "Elena", "editor", Password, CancellationToken.None, iterations: 10_000);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        await page.GotoAsync(baseUrl + "/admin/login");
        await page.FillAsync("#email", "editor@cecop.example");
        await page.FillAsync("#password", Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForURLAsync(baseUrl + "/admin");

        foreach (var culture in new[] { "en-GB", "fr-BE" })
        {
            await page.GotoAsync($"{baseUrl}/admin/reports?Year=2023&Compare=2020%2C2021%2C2022&Culture={culture}");
            // Four years and three growths: the widest report an officer asks for.
            Assert.Equal(7, await page.Locator("table.report-figures thead th.number").CountAsync());
            var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(pageWidth <= 1366, $"{culture}: the page is {pageWidth} px wide at 1366 px");
            var (table, box) = (await page.EvaluateAsync<int>("document.querySelector('.report-table').scrollWidth"),
                await page.EvaluateAsync<int>("document.querySelector('.report-table').clientWidth"));
            Assert.True(table <= box, $"{culture}: the figures table is {table} px wide in a column of {box} px");
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "reports-1366.png"), FullPage = false });
        Assert.Equal(0, await serve.StopAsync());
    }
}
