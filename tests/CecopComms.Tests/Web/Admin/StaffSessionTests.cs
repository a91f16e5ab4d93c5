using System.Net;
using CecopComms.Tests.Import;
using CecopComms.Web.Admin;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.Admin.StaffSession;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// A staff cookie stops working when the session should end: after signing out (a copy taken before included), a new
/// role, a new password, a lock; the role is the account's at each request; and a session ends 8 hours after its last
/// request and Web:AbsoluteSessionHours after signing in, on a fixed clock.
/// </summary>
public sealed class StaffSessionTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private UserStore Users => factory.Services.GetRequiredService<UserStore>();

    [Fact]
    public async Task Signing_out_ends_the_session_for_a_copy_of_the_cookie_too()
    {
        var (client, _) = await SignInAsync(factory, "editor");
        var copy = await CookieOfAsync(client);
        using var thief = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(thief, "/admin", copy));

        using (var signedOut = await PostAsync(client, "/admin/logout", ("__csrf", await CsrfAsync(client, "/admin/logout"))))
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await StatusWithCookieAsync(thief, "/admin", copy));
    }

    [Fact]
    public async Task A_new_role_set_by_an_admin_ends_the_session()
    {
        var (admin, _) = await SignInAsync(factory, "admin");
        var (client, user) = await SignInAsync(factory, "admin");
        var page = $"/admin/staff/{user.Id}";

        using (var role = await PostAsync(admin, page + "?handler=Role", ("__csrf", await CsrfAsync(admin, page)), ("Role", "viewer")))
            Assert.Equal(HttpStatusCode.Redirect, role.StatusCode);

        using var after = await client.GetAsync("/admin/staff");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/admin/login", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_role_is_the_accounts_at_every_request_not_the_one_it_signed_in_with()
    {
        var (client, user) = await SignInAsync(factory, "admin");
        var csrf = await CsrfAsync(client, "/admin/staff");
        // Changed in the database alone, without ending the session: the cookie still says nothing of the role.
        await ScalarAsync<long>(factory, "UPDATE users SET role = 'viewer' WHERE id = @Id RETURNING id", new { user.Id });

        using (var list = await client.GetAsync("/admin/staff")) Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        var sneaky = $"sneaky-{Guid.NewGuid():N}@cecop.example";
        using (var add = await PostAsync(client, "/admin/staff", ("__csrf", csrf), ("Email", sneaky), ("Role", "admin"), ("Password", Password), ("Repeat", Password)))
            Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.DoesNotContain(await Users.ListAsync(CancellationToken.None), u => u.Email == sneaky);
        // Still signed in, as what the account is now.
        Assert.Contains("(viewer)", await HtmlAsync(client, "/admin"));
    }

    [Fact]
    public async Task A_new_password_set_by_an_admin_ends_the_session()
    {
        var (admin, _) = await SignInAsync(factory, "admin");
        var (client, user) = await SignInAsync(factory, "editor");
        var page = $"/admin/staff/{user.Id}";

        using (var reset = await PostAsync(admin, page + "?handler=Password", ("__csrf", await CsrfAsync(admin, page)),
                   ("Password", "a brand new password"), ("Repeat", "a brand new password")))
            Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        using var after = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Locking_an_account_ends_its_session_and_stops_it_signing_in_until_unlocked()
    {
        var (admin, _) = await SignInAsync(factory, "admin");
        var (client, user) = await SignInAsync(factory, "editor");
        var page = $"/admin/staff/{user.Id}";

        using (var locked = await PostAsync(admin, page + "?handler=Lock", ("__csrf", await CsrfAsync(admin, page))))
            Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Contains("is locked: signed out everywhere", await HtmlAsync(admin, page));

        using (var after = await client.GetAsync("/admin")) Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        using (var again = await PostAsync(client, "/admin/login", ("__csrf", await CsrfAsync(client, "/admin/login")), ("Email", user.Email), ("Password", Password)))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("The e-mail or password is not right", await again.Content.ReadAsStringAsync());
        }

        using (var unlock = await PostAsync(admin, page + "?handler=Unlock", ("__csrf", await CsrfAsync(admin, page))))
            Assert.Equal(HttpStatusCode.Redirect, unlock.StatusCode);
        using (var back = await PostAsync(client, "/admin/login", ("__csrf", await CsrfAsync(client, "/admin/login")), ("Email", user.Email), ("Password", Password)))
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        using (var open = await client.GetAsync("/admin")) Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public async Task The_last_admin_who_can_sign_in_cannot_be_locked()
    {
        await using var alone = new CecopWebFactory();
        var users = alone.Services.GetRequiredService<UserStore>();
        var only = await users.AddAsync("only@cecop.example", "Only", "admin", Password, CancellationToken.None, iterations: 10_000);

        var refused = await Assert.ThrowsAsync<UserException>(() => users.LockAsync(only.Id, CancellationToken.None));
        Assert.Equal("only@cecop.example is the only admin who can sign in; make another account admin first, so someone can still manage staff accounts.", refused.Message);
        Assert.Null((await users.GetAsync(only.Id, CancellationToken.None))!.LockedAt);
    }

    [Fact]
    public async Task A_session_ends_after_eight_idle_hours_and_after_the_absolute_lifetime_however_active()
    {
        var clock = new TestClock { Now = new DateTimeOffset(2030, 3, 4, 8, 0, 0, TimeSpan.Zero) };
        await using var timed = new CecopWebFactory { ConfigureServices = s => s.AddSingleton<TimeProvider>(clock) };
        timed.Settings["Web:AbsoluteSessionHours"] = "12";

        // Active all day: a request every few hours keeps the idle limit away, but not past 12 hours from signing in.
        var (active, _) = await SignInAsync(timed, "viewer");
        foreach (var hours in new[] { 3, 3, 3, 2.5 })
        {
            clock.Now = clock.Now.AddHours(hours);
            using var open = await active.GetAsync("/admin");
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }
        clock.Now = clock.Now.AddHours(1);
        using (var late = await active.GetAsync("/admin")) Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);

        // Left alone for more than 8 hours.
        var (idle, _) = await SignInAsync(timed, "viewer");
        clock.Now = clock.Now.AddHours(8.5);
        using (var stale = await idle.GetAsync("/admin")) Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
    }

    /// <summary>The cookies the client sends, as a Cookie header value: what someone who copied them would send.</summary>
    private static async Task<string> CookieOfAsync(HttpClient client)
    {
        using var page = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return string.Join("; ", page.RequestMessage!.Headers.GetValues("Cookie"));
    }

    private static async Task<HttpStatusCode> StatusWithCookieAsync(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
