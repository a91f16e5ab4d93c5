using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CecopComms.Delivery;
using CecopComms.Storage;
using CecopComms.Tests.Delivery;
using CecopComms.Tests.Infrastructure;
using Dapper;
using Microsoft.Playwright;

namespace CecopComms.Tests.Web;

/// <summary>
/// A person's whole journey in Chromium against `cecop serve` running for real, with confirmation mail going over
/// SMTP to Debian's aiosmtpd: sign up, read the mail, confirm, change the language on the preference page,
/// unsubscribe, all in English (LanguageJourneyTests walks it in French and Italian). The database is checked at every
/// step; screenshots land in the test output's screenshots/journey.
/// </summary>
public sealed partial class JourneyTests
{
    private const string Email = "joanna.nowak@example.org";

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/confirm/[A-Za-z0-9_-]+")]
    private static partial Regex ConfirmLink();

    [Fact]
    public async Task Sign_up_confirm_change_preferences_and_unsubscribe_in_a_browser()
    {
        await using var smtp = await FaultySmtpServer.StartAsync("--save");
        using var workspace = new TempWorkspace();
        var baseUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        workspace.WriteSettings(new JsonObject
        {
            ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["Path"] = workspace.DatabasePath },
            ["Delivery"] = new JsonObject
            {
                ["Transport"] = "smtp",
                ["Servers"] = new JsonArray(new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = smtp.Port, ["Security"] = "None" }),
                ["PublicBaseUrl"] = baseUrl,
                ["TokenSecret"] = CecopWebFactory.TokenSecret,
                ["MessageIdDomain"] = "cecop.example",
                ["BounceDomain"] = "bounces.cecop.example",
            },
            ["Web"] = new JsonObject { ["Urls"] = baseUrl },
        });
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots", "journey");
        Directory.CreateDirectory(shots);
        await using var serve = await ServeProcess.StartAsync(workspace, baseUrl);
        var database = workspace.NewDatabase();

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 900 } });
        var scriptErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") scriptErrors.Add(message.Text); };

        // 1. Sign up, in English: the mail and the pages of the subscriber's links are written in the language chosen here.
        await page.GotoAsync(baseUrl + "/subscribe");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#name", "Joanna Nowak");
        await page.SelectOptionAsync("#language", "en");
        await page.CheckAsync("#consent");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "1-subscribe.png"), FullPage = true });
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("text=Check your inbox");
        Assert.EndsWith("/subscribe/sent", page.Url);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "2-check-your-inbox.png"), FullPage = true });
        Assert.Equal("unconfirmed", await StatusAsync(database, "external-newsletter"));
        Assert.Equal("en", await ScalarAsync<string>(database, "SELECT language FROM subscribers WHERE email_key = @Email"));

        // 2. The confirmation mail, as the SMTP server received it.
        var mail = await ReceivedAsync(smtp);
        Assert.Contains("Subject: Confirm your subscription to CECOP Newsletter", mail);
        // The confirmation names no one: the name on an unconfirmed sign-up is a stranger's text.
        Assert.Contains($"To: {Email}", mail);
        Assert.DoesNotContain("Joanna Nowak", mail);
        var link = ConfirmLink().Match(mail.Replace("=\r\n", "").Replace("=3D", "=")).Value;
        Assert.NotEqual("", link);

        // 3. Confirm: opening the link shows a button; pressing it confirms and records consent.
        await page.GotoAsync(link);
        Assert.Equal("unconfirmed", await StatusAsync(database, "external-newsletter"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "3-confirm.png"), FullPage = true });
        await page.ClickAsync("text=Confirm my subscription");
        await page.WaitForSelectorAsync("text=You are subscribed");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "4-confirmed.png"), FullPage = true });
        Assert.Equal("confirmed", await StatusAsync(database, "external-newsletter"));
        Assert.Equal("127.0.0.1", await ScalarAsync<string>(database,
            "SELECT c.channel FROM consents c JOIN subscribers s ON s.id = c.subscriber_id WHERE s.email_key = @Email AND c.source = 'form' AND c.wording_version = 'signup-2026-11'"));

        // 4. An issue went out; its preference link changes the language. Dutch is offered on the form but has no words
        // of its own (it is not a shipped language), so the pages stay English, as they do for any such reader.
        var uuid = Guid.Parse(await ScalarAsync<string>(database, "SELECT uuid FROM subscribers WHERE email_key = @Email"));
        var mailing = await ScalarAsync<long>(database, """
            INSERT INTO mailings (source_kind, source_id, title, audience, list_id, status, total, created_at, updated_at)
            VALUES ('edition', 1, 'CECOP Newsletter #1 - 2026', 'list:external-newsletter', (SELECT id FROM lists WHERE slug = 'external-newsletter'),
                    'finished', 1, '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z')
            RETURNING id
            """);
        var signer = new TokenSigner(Convert.FromBase64String(CecopWebFactory.TokenSecret));
        await page.GotoAsync($"{baseUrl}/preferences/{signer.Create(new RecipientToken(TokenPurpose.Preferences, uuid, mailing))}");
        Assert.Equal("Joanna Nowak", await page.InputValueAsync("#name"));
        await page.SelectOptionAsync("#language", "nl");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "5-preferences.png"), FullPage = true });
        await page.ClickAsync("text=Save my preferences");
        await page.WaitForSelectorAsync("text=Your preferences are saved");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("nl", await ScalarAsync<string>(database, "SELECT language FROM subscribers WHERE email_key = @Email"));
        Assert.Equal("confirmed", await StatusAsync(database, "external-newsletter"));

        // 5. Unsubscribe with the issue's link: one page, one button.
        await page.GotoAsync($"{baseUrl}/unsubscribe/{signer.Create(new RecipientToken(TokenPurpose.Unsubscribe, uuid, mailing))}");
        Assert.Equal("confirmed", await StatusAsync(database, "external-newsletter"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "6-unsubscribe.png"), FullPage = true });
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("text=You are unsubscribed");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "7-unsubscribed.png"), FullPage = true });
        Assert.Equal("unsubscribed", await StatusAsync(database, "external-newsletter"));
        Assert.Equal(1, await ScalarAsync<long>(database, "SELECT count(*) FROM events WHERE kind = 'unsubscribe' AND mailing_id = @Mailing", new { Email, Mailing = mailing }));
        Assert.Empty(scriptErrors);

        // SIGTERM stops serve cleanly.
        Assert.Equal(0, await serve.StopAsync());
        Assert.True(serve.Output.Contains("cecop serve stopped.", StringComparison.Ordinal), serve.Output);
    }

    private static async Task<string> ReceivedAsync(FaultySmtpServer smtp)
    {
        for (var i = 0; i < 200 && smtp.Saved().Count == 0; i++) await Task.Delay(50);
        return System.Text.Encoding.UTF8.GetString(Assert.Single(smtp.Saved()));
    }

    private static Task<string> StatusAsync(Database database, string list) =>
        ScalarAsync<string>(database, "SELECT x.status FROM subscriptions x JOIN subscribers s ON s.id = x.subscriber_id JOIN lists l ON l.id = x.list_id WHERE s.email_key = @Email AND l.slug = @List",
            new { Email, List = list });

    private static async Task<T> ScalarAsync<T>(Database database, string sql, object? parameters = null)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters ?? new { Email }))!;
    }
}
