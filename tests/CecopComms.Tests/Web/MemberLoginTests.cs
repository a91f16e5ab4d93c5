using System.Net;
using System.Text.RegularExpressions;
using CecopComms.Delivery;
using CecopComms.Web.Archive;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using CecopComms.Tests.Import;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web;

/// <summary>
/// The members' archive and its magic-link login: redirects without the cookie, the same answer for any address, a
/// link only to a member contact, single use, expiry, forgery, the member cookie, logout.
/// </summary>
public sealed partial class MemberLoginTests(ArchiveWebFactory factory) : IClassFixture<ArchiveWebFactory>
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    [GeneratedRegex(@"http://localhost/members/login/([A-Za-z0-9_-]+)")]
    private static partial Regex LoginLink();

    [Fact]
    public async Task The_members_archive_sends_a_reader_without_the_cookie_to_the_login_form()
    {
        await factory.SeedAsync();
        using var client = factory.CreateClient(NoRedirects);
        foreach (var path in new[] { "/members/archive", "/members/archive/cecop-link/2021/1" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/members/login", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task A_member_gets_a_link_that_logs_in_once_and_opens_the_archive_while_others_get_the_same_answer_and_no_mail()
    {
        await factory.SeedAsync();
        using var client = factory.CreateClient(NoRedirects);
        var answers = new List<string>();
        foreach (var email in new[] { ArchiveWebFactory.Public, "nobody@unknown.example", ArchiveWebFactory.Member })
            answers.Add(await RequestLinkAsync(client, email));
        // No account enumeration: the page is the same whatever the address.
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Contains("a login link is on its way", answers[0]);

        var mail = await factory.WaitForMessageToAsync(ArchiveWebFactory.Member);
        // Links go out in request order: by the time the member's arrived, any for the others would have too.
        Assert.Empty(factory.MessagesTo(ArchiveWebFactory.Public));
        Assert.Empty(factory.MessagesTo("nobody@unknown.example"));
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
        var link = LoginLink().Match(mail.TextBody!);
        Assert.True(link.Success, mail.TextBody);
        Assert.Contains(link.Value, mail.HtmlBody!);
        var path = new Uri(link.Value).AbsolutePath;

        // Opening the link (as a mail scanner would) uses nothing up.
        using (var first = await client.GetAsync(path)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await client.GetStringAsync(path);
        Assert.Contains("Log in</button>", page);

        using var login = await client.PostAsync(path, Form(page));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/members/archive", login.Headers.Location!.OriginalString);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(MemberAuthentication.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var expires = DateTimeOffset.Parse(Regex.Match(cookie, "expires=([^;]+)", RegexOptions.IgnoreCase).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30.1));
        Assert.DoesNotContain(ArchiveWebFactory.Member, Uri.UnescapeDataString(cookie));

        using (var archive = await client.GetAsync("/members/archive"))
        {
            var html = await archive.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
            Assert.Contains("href=\"/members/archive/cecop-link/2021/1\"", html);
            Assert.Contains("Ana López", WebUtility.HtmlDecode(html));
            Assert.DoesNotContain("cecop-newsletter", html);
        }
        using (var edition = await client.GetAsync("/members/archive/cecop-link/2021/1?lang=it"))
        {
            Assert.Equal(HttpStatusCode.OK, edition.StatusCode);
            Assert.True(edition.Headers.CacheControl is { Private: true, NoStore: true });
            var html = await edition.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"it\"", html);
            Assert.DoesNotContain("/unsubscribe/", html);
        }
        // The public newsletter is not part of the members' archive, whoever asks.
        using (var other = await client.GetAsync("/members/archive/cecop-newsletter/2021/1")) Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        // Replayed: the same link, from another browser, is refused and sets no cookie.
        using var stranger = factory.CreateClient(NoRedirects);
        using (var replayPage = await stranger.GetAsync(path)) Assert.Equal(HttpStatusCode.BadRequest, replayPage.StatusCode);
        var form = await stranger.GetStringAsync("/members/login");
        using var replay = await stranger.PostAsync(path, Form(form));
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("cannot be used", await replay.Content.ReadAsStringAsync());
        Assert.False(replay.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith(MemberAuthentication.CookieName + "=", StringComparison.Ordinal)));
        using (var still = await stranger.GetAsync("/members/archive")) Assert.Equal(HttpStatusCode.Redirect, still.StatusCode);

        // Logging out needs the form's token, which the archive's own logout button carries (an explicit action once left
        // it out, and the button answered 400); afterwards the archive asks for a login again.
        var archivePage = await client.GetStringAsync("/members/archive");
        Assert.Contains("action=\"/members/logout\"", archivePage);
        using (var logout = await client.PostAsync("/members/logout", Form(archivePage))) Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        using (var after = await client.GetAsync("/members/archive")) Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Expired_forged_and_other_purpose_tokens_are_refused_and_log_no_one_in()
    {
        await factory.SeedAsync();
        var signer = new TokenSigner(Convert.FromBase64String(CecopWebFactory.TokenSecret));
        var uuid = await MemberUuidAsync();
        var valid = signer.CreateExpiring(new ExpiringToken(TokenPurpose.MemberLogin, uuid, 0, DateTimeOffset.UtcNow.AddMinutes(10)));
        var tokens = new[]
        {
            signer.CreateExpiring(new ExpiringToken(TokenPurpose.MemberLogin, uuid, 0, DateTimeOffset.UtcNow.AddSeconds(-1))),                     // expired
            (valid[5] == 'A' ? valid[..5] + "B" : valid[..5] + "A") + valid[6..],                                                                      // altered
            new TokenSigner(new byte[32]).CreateExpiring(new ExpiringToken(TokenPurpose.MemberLogin, uuid, 0, DateTimeOffset.UtcNow.AddMinutes(10))), // another key
            signer.CreateExpiring(new ExpiringToken(TokenPurpose.Confirm, uuid, 0, DateTimeOffset.UtcNow.AddMinutes(10))),                          // another purpose
            signer.Create(new RecipientToken(TokenPurpose.MemberLogin, uuid, 0)),                                                                      // never expires: not a login token
            signer.CreateExpiring(new ExpiringToken(TokenPurpose.MemberLogin, Guid.NewGuid(), 0, DateTimeOffset.UtcNow.AddMinutes(10))),            // no such member
        };
        using var client = factory.CreateClient(NoRedirects);
        var form = await client.GetStringAsync("/members/login");
        foreach (var token in tokens)
        {
            using (var page = await client.GetAsync($"/members/login/{token}")) Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            using var post = await client.PostAsync($"/members/login/{token}", Form(form));
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }
        using (var archive = await client.GetAsync("/members/archive")) Assert.Equal(HttpStatusCode.Redirect, archive.StatusCode);

        // The genuine token still works (the refusals above used nothing up), but not without the form's token (CSRF).
        using (var noCsrf = await client.PostAsync($"/members/login/{valid}", new FormUrlEncodedContent([]))) Assert.Equal(HttpStatusCode.BadRequest, noCsrf.StatusCode);
        using (var ok = await client.PostAsync($"/members/login/{valid}", Form(form))) Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using (var archive = await client.GetAsync("/members/archive")) Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
    }

    [Fact]
    public async Task Two_browsers_racing_with_one_link_log_in_only_one()
    {
        await factory.SeedAsync();
        var signer = new TokenSigner(Convert.FromBase64String(CecopWebFactory.TokenSecret));
        var token = signer.CreateExpiring(new ExpiringToken(TokenPurpose.MemberLogin, await MemberUuidAsync(), 0, DateTimeOffset.UtcNow.AddMinutes(14)));
        var clients = Enumerable.Range(0, 8).Select(_ => factory.CreateClient(NoRedirects)).ToList();
        try
        {
            var forms = await Task.WhenAll(clients.Select(c => c.GetStringAsync($"/members/login/{token}")));
            var responses = await Task.WhenAll(clients.Select((c, i) => c.PostAsync($"/members/login/{token}", Form(forms[i]))));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
            Assert.Equal(clients.Count - 1, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
            foreach (var response in responses) response.Dispose();
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    [Fact]
    public async Task A_member_who_is_no_longer_active_loses_access_with_the_cookie_they_have()
    {
        await factory.SeedAsync();
        var signer = new TokenSigner(Convert.FromBase64String(CecopWebFactory.TokenSecret));
        await using (var connection = await factory.Database.OpenAsync())
            await connection.ExecuteAsync("INSERT INTO organisations (name, name_key, country, category, created_at, updated_at) VALUES ('Coop Leaving', 'coop leaving', 'FR', 'associated', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')");
        var subscriber = await factory.Services.GetService<CecopComms.Audience.SubscriberStore>()!.AddAsync(
            new CecopComms.Audience.NewSubscriber("leaving@members.example", "Léa", "fr", "Coop Leaving"), [], true, null, CancellationToken.None);
        var token = signer.CreateExpiring(new ExpiringToken(TokenPurpose.MemberLogin, Guid.Parse(subscriber.Uuid), 0, DateTimeOffset.UtcNow.AddMinutes(10)));
        using var client = factory.CreateClient(NoRedirects);
        var page = await client.GetStringAsync($"/members/login/{token}");
        using (var login = await client.PostAsync($"/members/login/{token}", Form(page))) Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using (var archive = await client.GetAsync("/members/archive")) Assert.Equal(HttpStatusCode.OK, archive.StatusCode);

        await using (var connection = await factory.Database.OpenAsync())
            await connection.ExecuteAsync("UPDATE subscribers SET status = 'unsubscribed' WHERE uuid = @Uuid", new { subscriber.Uuid });
        using (var archive = await client.GetAsync("/members/archive")) Assert.Equal(HttpStatusCode.Redirect, archive.StatusCode);
    }

    [Fact]
    public async Task A_used_link_is_refused_in_every_other_spelling_and_an_unused_one_too()
    {
        // A host of its own on a fixed clock: the links' expiry is read against it, never against the day the test runs.
        var clock = new TestClock { Now = new DateTimeOffset(2030, 3, 4, 10, 0, 0, TimeSpan.Zero) };
        await using var fixedClock = new ArchiveWebFactory { ConfigureServices = s => s.AddSingleton<TimeProvider>(clock) };
        await fixedClock.SeedAsync();
        var uuid = await MemberUuidAsync(fixedClock);
        var signer = new TokenSigner(Convert.FromBase64String(CecopWebFactory.TokenSecret));
        var used = signer.CreateExpiring(new ExpiringToken(TokenPurpose.MemberLogin, uuid, 0, clock.Now.AddMinutes(10)));
        var unused = signer.CreateExpiring(new ExpiringToken(TokenPurpose.MemberLogin, uuid, 0, clock.Now.AddMinutes(11)));
        using var client = fixedClock.CreateClient(NoRedirects);
        var form = await client.GetStringAsync("/members/login");

        using (var login = await client.PostAsync($"/members/login/{used}", Form(form))) Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        foreach (var token in new[] { used, unused })
            foreach (var (kind, other) in OtherSpellings(token))
            {
                var path = $"/members/login/{Uri.EscapeDataString(other)}";
                using (var page = await client.GetAsync(path)) Assert.True(page.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{kind}: {page.StatusCode}");
                using var post = await client.PostAsync(path, Form(form));
                Assert.True(post.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{kind}: {post.StatusCode}");
            }
        // The unused link still works as it was sent: the refusals used nothing up.
        using (var login = await client.PostAsync($"/members/login/{unused}", Form(form))) Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task A_malformed_address_is_asked_again_and_sends_nothing()
    {
        await factory.SeedAsync();
        using var client = factory.CreateClient(NoRedirects);
        var before = factory.OutboxMessages().Count;
        var answer = await RequestLinkAsync(client, "not an address");
        Assert.Contains("Please write an e-mail address", answer);
        Assert.DoesNotContain("on its way", answer);
        await Task.Delay(200);
        Assert.Equal(before, factory.OutboxMessages().Count);
    }

    private Task<Guid> MemberUuidAsync() => MemberUuidAsync(factory);

    private static async Task<Guid> MemberUuidAsync(ArchiveWebFactory factory)
    {
        await using var connection = await factory.Database.OpenAsync();
        return Guid.Parse(await connection.ExecuteScalarAsync<string>("SELECT uuid FROM subscribers WHERE email = @Email", new { Email = ArchiveWebFactory.Member }) ?? "");
    }

    private static async Task<string> RequestLinkAsync(HttpClient client, string email)
    {
        var form = await client.GetStringAsync("/members/login");
        using var response = await client.PostAsync("/members/login", Form(form, ("Email", email)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([new("__csrf", ArchiveWebFactory.FormToken(page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
}
