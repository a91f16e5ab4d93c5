using System.Net;
using System.Net.Sockets;
using CecopComms.Content;
using CecopComms.Content.Editions;
using CecopComms.Tests.Infrastructure;
using CecopComms.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CecopComms.Tests.Web;

/// <summary>
/// The archive in headless Chromium against the host on Kestrel (127.0.0.1, a free port): the edition's web version
/// is drawn with its inline styles under its own Content-Security-Policy, and no page breaks a policy.
/// </summary>
public sealed class ArchiveBrowserTests : WorkspaceTest
{

    [Fact]
    public async Task The_archive_and_an_editions_web_version_are_drawn_without_breaking_their_policies()
    {
        var port = FreePort();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Workspace.WithStorage(new Dictionary<string, string?>
        {
            ["Delivery:OutboxPath"] = Workspace.Path("outbox"),
            ["Delivery:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["Delivery:TokenSecret"] = CecopWebFactory.TokenSecret,
            ["Content:TemplatesPath"] = Path.Combine(AppContext.BaseDirectory, "templates"),
            ["Web:Urls"] = $"http://127.0.0.1:{port}",
        })).Build();
        await using var app = await WebApp.BuildAsync(WebApp.CreateBuilder(configuration, engine: false), CancellationToken.None);
        await app.StartAsync();
        var edition = await ArchiveWebFactory.LoadAsync(app.Services.GetRequiredService<MailingContent>(), "cecop-newsletter-2021-06.yaml", 1, "2021-06-15");
        await app.Services.GetRequiredService<EditionStore>().SetStateAsync(edition, ContentState.Sent, CancellationToken.None);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 800 } });
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        // Nothing leaves the machine: the newsletter's https images are refused before they are fetched.
        await page.RouteAsync("**/*", route => route.Request.Url.StartsWith($"http://127.0.0.1:{port}/", StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());

        var index = await page.GotoAsync($"http://127.0.0.1:{port}/archive");
        Assert.Equal((int)HttpStatusCode.OK, index!.Status);
        // The site's own stylesheet applies: the brand is drawn in the accent colour.
        Assert.Equal("rgb(200, 16, 46)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('header.site .brand')).color"));
        await page.ClickAsync("a[href='/archive/cecop-newsletter/2021/1']");
        await page.WaitForURLAsync("**/archive/cecop-newsletter/2021/1");

        var box = await page.Locator("#main").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Width, 590, 610);
        Assert.True(await page.EvaluateAsync<bool>(
            "() => getComputedStyle(document.querySelector('.masthead')).backgroundColor === 'rgb(166, 25, 46)'"), "the masthead's inlined colour is not drawn");
        // The language bar leads to the French variant.
        await page.ClickAsync("a[href$='?lang=fr']");
        await page.WaitForURLAsync("**?lang=fr");
        Assert.Equal("fr", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        Assert.Empty(violations);
        await app.StopAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
