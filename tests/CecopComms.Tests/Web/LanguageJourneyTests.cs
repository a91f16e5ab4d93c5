using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CecopComms.Delivery;
using CecopComms.Localization;
using CecopComms.Storage;
using CecopComms.Tests.Delivery;
using CecopComms.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using MimeKit;

namespace CecopComms.Tests.Web;

/// <summary>
/// The journey of JourneyTests in French and in Italian, in Chromium against `cecop serve` running for real, with the
/// confirmation mail going over SMTP to Debian's aiosmtpd. French is chosen with the switcher's <c>?lang=fr</c> and kept
/// by its cookie; Italian comes from the browser's Accept-Language, loses to <c>?lang=en</c> and is chosen again with
/// the keyboard on the switcher. The mail is written in the language chosen on the form, and the pages of the
/// subscriber's links speak it in a browser that never chose it. No page read in French or Italian shows a sentence of
/// the English ReaderText; the French pages pass axe-core and fit a 390 px phone with the switcher. Screenshots land in
/// the test output's screenshots/language-journey.
/// </summary>
public sealed partial class LanguageJourneyTests
{
    private const string ListName = "CECOP Newsletter";

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/confirm/[A-Za-z0-9_-]+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"/subscribe/sent$")]
    private static partial Regex SentPage();

    [GeneratedRegex(@"/subscribe\?lang=it$")]
    private static partial Regex SwitchedToItalian();

    private static readonly string Shots = Path.Combine(AppContext.BaseDirectory, "screenshots", "language-journey");

    [Fact]
    public async Task A_French_reader_signs_up_confirms_and_unsubscribes_in_French_and_the_pages_pass_axe_and_fit_a_phone()
    {
        const string email = "camille.martin@example.org";
        await using var smtp = await FaultySmtpServer.StartAsync("--save");
        using var workspace = new TempWorkspace();
        var baseUrl = StartSettings(workspace, smtp);
        await using var serve = await ServeProcess.StartAsync(workspace, baseUrl);
        var database = workspace.NewDatabase();
        await using var chromium = await HeadlessChromium.LaunchAsync();

        // A browser whose own language is English: French is the reader's choice on the switcher.
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1000, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var scriptErrors = Watch(page);

        // 1. The form in French: page, heading and the newsletters' language.
        await OpenAsync(page, $"{baseUrl}/subscribe?lang=fr", "fr", "1-subscribe");
        Assert.Equal(Word("subscribe.heading", "fr"), await page.InnerTextAsync("h1"));
        Assert.Equal("fr", await page.InputValueAsync("#language"));
        await AssertSwitcherAsync(page, current: "fr");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        Assert.Contains(await context.CookiesAsync(), c => c.Name == ReaderLocalization.Cookie && Uri.UnescapeDataString(c.Value) == "c=fr|uic=fr");

        // 2. Sign up; the answer comes without ?lang=, in French because the cookie remembers the choice.
        await page.FillAsync("#email", email);
        await page.FillAsync("#name", "Camille Martin");
        await page.CheckAsync("#consent");
        var sent = page.WaitForURLAsync(SentPage());
        await page.ClickAsync("main button[type=submit]");
        await sent;
        await AssertPageAsync(page, "fr", "sent.title", "2-check-your-inbox");
        Assert.Equal("fr", await ScalarAsync<string>(database, "SELECT language FROM subscribers WHERE email_key = @Email", new { Email = email }));
        Assert.Equal("unconfirmed", await StatusAsync(database, email));

        // 3. The confirmation mail, as aiosmtpd received it, is French.
        var mail = await ReceivedAsync(smtp, email);
        var link = AssertConfirmationMail(mail, "fr");

        // 4. The confirmation link: French page; the button confirms, in French.
        await OpenAsync(page, link, "fr", "3-confirm");
        Assert.Equal(Word("confirm.title", "fr"), await page.InnerTextAsync("h1"));
        await page.GetByRole(AriaRole.Button, new() { Name = Word("confirm.submit", "fr") }).ClickAsync();
        await AssertPageAsync(page, "fr", "confirm.done.title", "4-confirmed");
        Assert.Equal("confirmed", await StatusAsync(database, email));
        Assert.Empty(scriptErrors);

        // 5. An issue's links, opened in a browser that never chose a language and reads English: the subscriber's
        // language wins over the browser's.
        var (preferences, unsubscribe) = await LinksAsync(database, email, baseUrl);
        var fresh = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1000, Height = 900 } });
        Assert.Empty(await fresh.CookiesAsync());
        var other = await fresh.NewPageAsync();
        var otherErrors = Watch(other);
        await OpenAsync(other, preferences, "fr", "5-preferences");
        Assert.Equal(Word("prefs.title", "fr"), await other.InnerTextAsync("h1"));
        Assert.Equal("fr", await other.InputValueAsync("#language"));
        await AssertSwitcherAsync(other, current: "fr");
        Assert.Empty(await Axe.SeriousViolationsAsync(other));

        await OpenAsync(other, unsubscribe, "fr", "6-unsubscribe");
        Assert.Equal(Word("unsub.title", "fr"), await other.InnerTextAsync("h1"));
        await other.ClickAsync("main button[type=submit]");
        await AssertPageAsync(other, "fr", "unsub.done.title", "7-unsubscribed");
        Assert.Equal("unsubscribed", await StatusAsync(database, email));
        Assert.Empty(otherErrors);

        // 6. On a 390 × 844 phone the French form, switcher included, does not scroll sideways.
        var phone = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var small = await phone.NewPageAsync();
        await OpenAsync(small, $"{baseUrl}/subscribe?lang=fr", "fr", "8-phone");
        var width = await small.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The French form is wider than the phone: {width} px");
        await AssertSwitcherAsync(small, current: "fr");
        foreach (var language in await small.Locator("nav.languages a").AllAsync())
        {
            Assert.True(await language.IsVisibleAsync(), $"{await language.InnerTextAsync()} is hidden on the phone");
            var box = await language.BoundingBoxAsync();
            Assert.True(box is { } b && b.X >= 0 && b.X + b.Width <= 390, $"{await language.InnerTextAsync()} is cut off on the phone: {box?.X} + {box?.Width}");
        }

        Assert.Equal(0, await serve.StopAsync());
    }

    [Fact]
    public async Task An_Italian_browser_gets_Italian_the_switcher_wins_and_is_worked_with_the_keyboard()
    {
        const string email = "giulia.rossi@example.org";
        await using var smtp = await FaultySmtpServer.StartAsync("--save");
        using var workspace = new TempWorkspace();
        var baseUrl = StartSettings(workspace, smtp);
        await using var serve = await ServeProcess.StartAsync(workspace, baseUrl);
        var database = workspace.NewDatabase();
        await using var chromium = await HeadlessChromium.LaunchAsync();

        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "it-IT",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "it-IT,it;q=0.9" },
            ViewportSize = new ViewportSize { Width = 1000, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var scriptErrors = Watch(page);

        // 1. No ?lang= and no cookie: the browser's Accept-Language makes the form Italian, and leaves no cookie.
        var response = await OpenAsync(page, $"{baseUrl}/subscribe", "it", "it-1-subscribe");
        Assert.Equal("it", await response.HeaderValueAsync("content-language"));
        Assert.Equal(Word("subscribe.heading", "it"), await page.InnerTextAsync("h1"));
        Assert.Equal("it", await page.InputValueAsync("#language"));
        await AssertSwitcherAsync(page, current: "it");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == ReaderLocalization.Cookie);

        // 2. The switcher's ?lang=en wins over the browser: English.
        await page.GotoAsync($"{baseUrl}/subscribe?lang=en");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(Word("subscribe.heading", "en"), await page.InnerTextAsync("h1"));
        Assert.Equal("en", await page.InputValueAsync("#language"));
        await AssertSwitcherAsync(page, current: "en");
        // The check every Italian page passes does fail on English: this page, read as if it were Italian.
        var english = await page.InnerTextAsync("body");
        var caught = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertNoEnglish(english, "it", page.Url));
        Assert.Contains("subscribe.heading", caught.Message);

        // 3. Back to Italian with the keyboard alone: Tab to "Italiano" in the switcher, Enter.
        var italiano = LanguageSwitch.Name("it");
        var focused = "";
        for (var tabs = 0; tabs < 20 && focused != italiano; tabs++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string>("document.activeElement.textContent.trim()");
        }
        Assert.Equal(italiano, focused);
        Assert.Equal("it", await page.EvaluateAsync<string>("document.activeElement.getAttribute('hreflang')"));
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement.closest('nav.languages') !== null"));
        // Wait for the navigation before pressing: a wait begun after the key can miss a navigation that commits meanwhile.
        var switched = page.WaitForURLAsync(SwitchedToItalian());
        await page.Keyboard.PressAsync("Enter");
        await switched;
        await AssertPageAsync(page, "it", "subscribe.heading", "it-2-switched");
        await AssertSwitcherAsync(page, current: "it");
        Assert.Equal("it", await page.InputValueAsync("#language"));

        // 4. Sign up, leaving the newsletters' language as offered: the answer is Italian.
        await page.FillAsync("#email", email);
        await page.FillAsync("#name", "Giulia Rossi");
        await page.CheckAsync("#consent");
        var sent = page.WaitForURLAsync(SentPage());
        await page.ClickAsync("main button[type=submit]");
        await sent;
        await AssertPageAsync(page, "it", "sent.title", "it-3-check-your-inbox");
        Assert.Equal("it", await ScalarAsync<string>(database, "SELECT language FROM subscribers WHERE email_key = @Email", new { Email = email }));

        // 5. The mail is Italian; so are the confirmation page and its thanks.
        var link = AssertConfirmationMail(await ReceivedAsync(smtp, email), "it");
        await OpenAsync(page, link, "it", "it-4-confirm");
        Assert.Equal(Word("confirm.title", "it"), await page.InnerTextAsync("h1"));
        await page.GetByRole(AriaRole.Button, new() { Name = Word("confirm.submit", "it") }).ClickAsync();
        await AssertPageAsync(page, "it", "confirm.done.title", "it-5-confirmed");
        Assert.Equal("confirmed", await StatusAsync(database, email));
        Assert.Empty(scriptErrors);

        // 6. An issue's links in an English browser: Italian, the subscriber's language; ?lang=en still wins on the
        // page it is given to, and the cookie it leaves does not outweigh the subscriber's language on the next link.
        var (preferences, unsubscribe) = await LinksAsync(database, email, baseUrl);
        var fresh = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "en-GB,en;q=0.9" },
            ViewportSize = new ViewportSize { Width = 1000, Height = 900 },
        });
        var other = await fresh.NewPageAsync();
        var otherErrors = Watch(other);
        await OpenAsync(other, preferences, "it", "it-6-preferences");
        Assert.Equal(Word("prefs.title", "it"), await other.InnerTextAsync("h1"));
        Assert.Equal("it", await other.InputValueAsync("#language"));

        await other.GotoAsync(preferences + "?lang=en");
        Assert.Equal("en", await other.GetAttributeAsync("html", "lang"));
        Assert.Equal(Word("prefs.title", "en"), await other.InnerTextAsync("h1"));
        // The newsletters' language is still the subscriber's: reading the page in English changes nothing stored.
        Assert.Equal("it", await other.InputValueAsync("#language"));

        await OpenAsync(other, unsubscribe, "it", "it-7-unsubscribe");
        Assert.Equal(Word("unsub.title", "it"), await other.InnerTextAsync("h1"));
        await other.ClickAsync("main button[type=submit]");
        await AssertPageAsync(other, "it", "unsub.done.title", "it-8-unsubscribed");
        Assert.Equal("unsubscribed", await StatusAsync(database, email));
        Assert.Equal("it", await ScalarAsync<string>(database, "SELECT language FROM subscribers WHERE email_key = @Email", new { Email = email }));
        Assert.Empty(otherErrors);

        Assert.Equal(0, await serve.StopAsync());
    }

    /// <summary>Writes serve's settings (SMTP to <paramref name="smtp"/>, the tests' token key) and returns its base URL.</summary>
    private static string StartSettings(TempWorkspace workspace, FaultySmtpServer smtp)
    {
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
            // Both journeys may run within the same minute from 127.0.0.1.
            ["Web"] = new JsonObject { ["Urls"] = baseUrl, ["SignupRatePerMinutePerIp"] = 1000 },
        });
        Directory.CreateDirectory(Shots);
        return baseUrl;
    }

    private static List<string> Watch(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        return errors;
    }

    /// <summary>Opens <paramref name="url"/> and checks it is written in <paramref name="language"/> with no English sentence.</summary>
    private static async Task<IResponse> OpenAsync(IPage page, string url, string language, string shot)
    {
        var response = await page.GotoAsync(url);
        Assert.NotNull(response);
        Assert.True(response.Ok, $"{url}: {response.Status}");
        await AssertLanguageAsync(page, language, shot);
        return response;
    }

    /// <summary>The page (after a form's answer) is in <paramref name="language"/>, its heading the word <paramref name="headingKey"/>.</summary>
    private static async Task AssertPageAsync(IPage page, string language, string headingKey, string shot)
    {
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(Word(headingKey, language));
        await AssertLanguageAsync(page, language, shot);
    }

    private static async Task AssertLanguageAsync(IPage page, string language, string shot)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, shot + ".png"), FullPage = true });
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        AssertNoEnglish(await page.TitleAsync() + "\n" + await page.InnerTextAsync("body"), language, page.Url);
    }

    /// <summary>
    /// No sentence of the English ReaderText in <paramref name="text"/>: every English word longer than 12 characters, cut
    /// at its {0}, {1}… so a filled-in one is found too, unless the <paramref name="language"/> word of the same key says
    /// the same (a name, an address).
    /// </summary>
    internal static void AssertNoEnglish(string text, string language, string where)
    {
        var visible = Spaces().Replace(text, " ");
        var words = ReaderWords.Words(language) ?? throw new InvalidOperationException($"No ReaderText.{language}.resx");
        var found = ReaderWords.Keys
            .SelectMany(word => Placeholder().Split(word.Value).Select(part => (word.Key, Part: Spaces().Replace(part, " ").Trim())))
            .Where(w => w.Part.Length > 12 && !(words.TryGetValue(w.Key, out var own) && own.Contains(w.Part, StringComparison.Ordinal)))
            .Where(w => visible.Contains(w.Part, StringComparison.Ordinal))
            .Select(w => $"{w.Key}: \"{w.Part}\"")
            .ToList();
        Assert.True(found.Count == 0, $"{where} ({language}) shows English: {string.Join("; ", found)}");
    }

    /// <summary>Every link of the switcher is there, named in its language, the current one marked.</summary>
    private static async Task AssertSwitcherAsync(IPage page, string current)
    {
        var links = await page.Locator("nav.languages a").AllAsync();
        var tags = new List<string?>();
        foreach (var link in links)
        {
            var tag = await link.GetAttributeAsync("hreflang");
            tags.Add(tag);
            Assert.Equal(tag, await link.GetAttributeAsync("lang"));
            Assert.Equal(LanguageSwitch.Name(tag!), (await link.InnerTextAsync()).Trim());
            Assert.Contains("lang=" + tag, await link.GetAttributeAsync("href"));
            Assert.Equal(tag == current ? "true" : null, await link.GetAttributeAsync("aria-current"));
        }
        Assert.Equal("en", tags.FirstOrDefault());
        Assert.Contains("fr", tags);
        Assert.Contains("it", tags);
        Assert.Single(tags, t => t == current);
    }

    /// <summary>Checks the confirmation mail is written in <paramref name="language"/> and returns its link.</summary>
    private static string AssertConfirmationMail(MimeMessage mail, string language)
    {
        Assert.Equal(ReaderWords.Format("mail.confirm.subject", language, ListName), mail.Subject);
        var text = mail.TextBody ?? throw new InvalidOperationException("The confirmation has no text part.");
        var html = WebUtility.HtmlDecode(mail.HtmlBody ?? throw new InvalidOperationException("The confirmation has no HTML part."));
        Assert.Contains($"<html lang=\"{language}\">", mail.HtmlBody, StringComparison.Ordinal);
        foreach (var body in new[] { text, html })
        {
            Assert.Contains(Word("mail.hello", language), body, StringComparison.Ordinal);
            Assert.Contains(ReaderWords.Format("mail.confirm.asked", language, ListName), body, StringComparison.Ordinal);
            // The expiry's date is written the language's way too ("3 juin 2026 09:00").
            var before = Placeholder().Split(Word("mail.confirm.expires", language))[0];
            var at = body.IndexOf(before, StringComparison.Ordinal);
            Assert.True(at >= 0, $"No \"{before}\" in:\n{body}");
            var expires = Regex.Match(body[(at + before.Length)..], @"^\d{1,2} \p{L}+ \d{4} \d{2}:\d{2}").Value;
            Assert.True(DateTime.TryParseExact(expires, "d MMMM yyyy HH:mm", CultureInfo.GetCultureInfo(language), DateTimeStyles.None, out _),
                $"\"{expires}\" is not a {language} date");
        }
        Assert.Contains(Word("mail.confirm.open_link", language), text, StringComparison.Ordinal);
        Assert.Contains(Word("mail.confirm.open_button", language), html, StringComparison.Ordinal);
        Assert.Contains(Word("confirm.submit", language), html, StringComparison.Ordinal);
        AssertNoEnglish(mail.Subject + "\n" + text, language, "the confirmation mail's text");
        AssertNoEnglish(html, language, "the confirmation mail's HTML");
        var link = ConfirmLink().Match(text).Value;
        Assert.NotEqual("", link);
        return link;
    }

    /// <summary>The preference and unsubscribe links of an issue sent to the external newsletter, for the person.</summary>
    private static async Task<(string Preferences, string Unsubscribe)> LinksAsync(Database database, string email, string baseUrl)
    {
        var uuid = Guid.Parse(await ScalarAsync<string>(database, "SELECT uuid FROM subscribers WHERE email_key = @Email", new { Email = email }));
        var mailing = await ScalarAsync<long>(database, """
            INSERT INTO mailings (source_kind, source_id, title, audience, list_id, status, total, created_at, updated_at)
            VALUES ('edition', 1, 'CECOP Newsletter #1 - 2026', 'list:external-newsletter', (SELECT id FROM lists WHERE slug = 'external-newsletter'),
                    'finished', 1, '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z')
            RETURNING id
            """);
        var signer = new TokenSigner(Convert.FromBase64String(CecopWebFactory.TokenSecret));
        return ($"{baseUrl}/preferences/{signer.Create(new RecipientToken(TokenPurpose.Preferences, uuid, mailing))}",
                $"{baseUrl}/unsubscribe/{signer.Create(new RecipientToken(TokenPurpose.Unsubscribe, uuid, mailing))}");
    }

    private static string Word(string key, string language) => ReaderWords.Get(key, language);

    /// <summary>The one message aiosmtpd saved for <paramref name="email"/>, parsed (waits up to 10 s).</summary>
    private static async Task<MimeMessage> ReceivedAsync(FaultySmtpServer smtp, string email)
    {
        for (var i = 0; i < 200; i++)
        {
            var messages = smtp.Saved().Select(bytes => MimeMessage.Load(new MemoryStream(bytes)))
                .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, email, StringComparison.OrdinalIgnoreCase))).ToList();
            if (messages.Count > 0) return Assert.Single(messages);
            await Task.Delay(50);
        }
        throw new TimeoutException($"No confirmation reached {email} within 10 s.");
    }

    private static Task<string> StatusAsync(Database database, string email) =>
        ScalarAsync<string>(database, "SELECT x.status FROM subscriptions x JOIN subscribers s ON s.id = x.subscriber_id JOIN lists l ON l.id = x.list_id WHERE s.email_key = @Email AND l.slug = 'external-newsletter'",
            new { Email = email });

    private static async Task<T> ScalarAsync<T>(Database database, string sql, object? parameters = null)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }
}

/// <summary>
/// The archive's edition page in the reader's language over plain HTTP: each written variant named as an alternate,
/// and without ?lang= the variant of the reader's Accept-Language or cookie, with a Vary that keeps caches apart.
/// </summary>
public sealed class LanguageJourneyArchiveTests(ArchiveWebFactory factory) : IClassFixture<ArchiveWebFactory>
{
    private const string Edition = "/archive/cecop-newsletter/2021/1";

    [Fact]
    public async Task An_edition_names_each_written_variant_and_answers_Accept_Language_with_its_variant()
    {
        await factory.SeedAsync();
        // No cookie jar: a ?lang= page leaves the cookie, which would then choose for the requests after it.
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        // Every written variant (the edition is in en, fr, it, es) as <link rel=alternate hreflang>, each to its own page.
        using var plain = await client.GetAsync(Edition);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var document = new HtmlParser().ParseDocument(await plain.Content.ReadAsStringAsync());
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        var alternates = document.Head!.QuerySelectorAll("link[rel=alternate][hreflang]")
            .ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href")!);
        Assert.Equal(new[] { "en", "es", "fr", "it" }, alternates.Keys.Order(StringComparer.Ordinal));
        foreach (var (tag, href) in alternates)
        {
            Assert.Equal($"{Edition}?lang={tag}", href);
            using var variant = await client.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, variant.StatusCode);
            Assert.Contains($"<html lang=\"{tag}\"", await variant.Content.ReadAsStringAsync());
            Assert.Equal(tag, variant.Content.Headers.ContentLanguage.Single());
            // The address names its language: nothing for a cache to keep apart.
            Assert.DoesNotContain("Accept-Language", string.Join(",", variant.Headers.Vary));
        }

        // No ?lang=: the browser's French picks the French variant, and the answer says it varies with what picked it.
        using var french = await GetAsync(client, Edition, "fr-BE,fr;q=0.9,en;q=0.5");
        var frenchHtml = await french.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, french.StatusCode);
        Assert.Contains("<html lang=\"fr\"", frenchHtml);
        Assert.Contains("économie sociale à l", frenchHtml);
        Assert.Contains(ReaderWords.Format("archive.back", "fr", "CECOP Newsletter"), new HtmlParser().ParseDocument(frenchHtml).Body!.TextContent);
        Assert.Equal("fr", french.Content.Headers.ContentLanguage.Single());
        Assert.Equal("Accept-Language, Cookie", string.Join(", ", french.Headers.Vary));

        using var italian = await GetAsync(client, Edition, "it-IT,it;q=0.9");
        Assert.Contains("<html lang=\"it\"", await italian.Content.ReadAsStringAsync());
        Assert.Contains("Accept-Language", string.Join(",", italian.Headers.Vary));

        // An empty ?lang= names no language: the browser's still picks it, so a shared cache must keep them apart too.
        using var empty = await GetAsync(client, Edition + "?lang=", "it-IT,it;q=0.9");
        Assert.Contains("<html lang=\"it\"", await empty.Content.ReadAsStringAsync());
        Assert.Equal("Accept-Language, Cookie", string.Join(", ", empty.Headers.Vary));

        // A language the edition was not written in (German is shipped, the edition has no German) gets English.
        using var german = await GetAsync(client, Edition, "de-DE,de;q=0.9");
        Assert.Contains("<html lang=\"en\"", await german.Content.ReadAsStringAsync());

        // The cookie the switcher leaves outweighs the browser: Italian, though the browser asks for French.
        using var request = new HttpRequestMessage(HttpMethod.Get, Edition);
        request.Headers.Add("Accept-Language", "fr");
        request.Headers.Add("Cookie", $"{ReaderLocalization.Cookie}={Uri.EscapeDataString("c=it|uic=it")}");
        using var cookie = await client.SendAsync(request);
        Assert.Contains("<html lang=\"it\"", await cookie.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_archive_index_follows_Accept_Language()
    {
        await factory.SeedAsync();
        // No cookie jar: a ?lang= page leaves the cookie, which would then choose for the requests after it.
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var response = await GetAsync(client, "/archive", "fr-FR,fr;q=0.9");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"fr\"", html);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(ReaderWords.Get("archive.title", "fr"), document.QuerySelector("h1")?.TextContent.Trim());
        LanguageJourneyTests.AssertNoEnglish(document.Title + "\n" + document.Body!.TextContent, "fr", "/archive");
        Assert.Contains(ReaderWords.Date(new DateOnly(2021, 6, 15), "fr"), html);
        Assert.DoesNotContain(ReaderWords.Get("archive.empty", "en"), html);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string acceptLanguage)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Language", acceptLanguage);
        return client.SendAsync(request);
    }
}
