using System.Text.Json.Nodes;
using CecopComms.Storage;
using CecopComms.Tests.Infrastructure;
using CecopComms.Web;
using CecopComms.Web.Admin;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// The import journey in Chromium against `cecop serve` running for real: sign in, choose a CSV with two bad rows,
/// submit the form with the keyboard only, and read both refusals on the result page. The screenshot is saved as
/// screenshots/admin-import.png beside the test assembly.
/// </summary>
public sealed class AudiencesBrowserTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task An_editor_imports_a_csv_with_the_keyboard_and_sees_its_two_bad_rows()
    {
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
        var csv = workspace.WriteFile("members.csv",
            "email;name;language;organisation\n" +
            "ines@example.pt;Inês Ferreira;pt;\n" +
            "broken.example.org;No At Sign;en;\n" +
            "piotr@example.pl;Piotr Nowak;pl;\n" +
            "sara@example.se;Sara Lind;sv;Nowhere Cooperative\n");
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(shots);
        await using var serve = await ServeProcess.StartAsync(workspace, baseUrl);
        var database = workspace.NewDatabase();
        await new UserStore(database, TimeProvider.System, Options.Create(new WebOptions()))
            .AddAsync("editor@cecop.example", "Elena", "editor", Password, CancellationToken.None, iterations: 10_000);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        var scriptErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") scriptErrors.Add(message.Text); };

        await page.GotoAsync(baseUrl + "/admin/audiences/import");
        await page.FillAsync("#email", "editor@cecop.example");
        await page.FillAsync("#password", Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForURLAsync(baseUrl + "/admin/audiences/import");

        await page.SetInputFilesAsync("#file", csv);
        // Keyboard only from here: into the list box, choose the newsletter, Tab past the dry-run box to the button, Enter.
        await page.FocusAsync("#list");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("external-newsletter", await page.InputValueAsync("#list"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("dry-run", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Import the file", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForSelectorAsync("table.import-errors");
        var rows = await page.Locator("table.import-errors tbody tr").AllInnerTextsAsync();
        Assert.Equal(2, rows.Count);
        Assert.Matches(@"^3\s+broken\.example\.org\s+email\s+\S", rows[0]);
        Assert.Matches(@"^5\s+sara@example\.se\s+organisation\s+.*Nowhere Cooperative", rows[1]);
        Assert.Contains("2 rows were refused", await page.InnerTextAsync("[role=alert]"));
        Assert.Contains("Imported members.csv", await page.InnerTextAsync("[role=status]"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "admin-import.png"), FullPage = true });

        await using var connection = await database.OpenAsync();
        Assert.Equal(["ines@example.pt", "piotr@example.pl"], (await connection.QueryAsync<string>(
            "SELECT s.email FROM subscribers s JOIN subscriptions x ON x.subscriber_id = s.id JOIN lists l ON l.id = x.list_id WHERE l.slug = 'external-newsletter' ORDER BY s.email")).ToArray());

        // A file well over the 1 MB that the public forms may post is accepted here (up to 50 MB): a dry run of 40,000 rows.
        var big = workspace.WriteFile("big.csv", "email,name\n" + string.Concat(Enumerable.Range(0, 40_000).Select(i => $"person{i:00000}@large-import.example,Person Number {i}\n")));
        Assert.True(new FileInfo(big).Length > 2 * 1024 * 1024);
        await page.SetInputFilesAsync("#file", big);
        await page.SelectOptionAsync("#list", "external-newsletter");
        await page.CheckAsync("#dry-run");
        await page.ClickAsync("button:has-text('Import the file')");
        await page.WaitForSelectorAsync("text=Dry run: nothing was changed");
        Assert.Contains("40000", await page.InnerTextAsync(".cards"));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM subscribers WHERE email_key LIKE '%@large-import.example'"));

        Assert.Empty(scriptErrors);
        Assert.Equal(0, await serve.StopAsync());
    }
}
