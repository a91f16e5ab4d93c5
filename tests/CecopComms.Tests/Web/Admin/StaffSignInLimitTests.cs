using System.Net;
using CecopComms.Web.Admin;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.Admin.StaffSession;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>The host behind a reverse proxy on 127.0.0.1, so a test names each request's visitor with X-Forwarded-For.</summary>
public sealed class ProxiedWebFactory : CecopWebFactory
{
    public ProxiedWebFactory()
    {
        Settings["Web:KnownProxies:0"] = "127.0.0.1";
        ConfigureServices = s => s.AddTransient<IStartupFilter, LoopbackConnection>();
    }
}

/// <summary>
/// Staff sign-in under attack: failures lock the account against the address that made them only, guesses sent at once
/// get no more than Web:MaxFailedLogins judged, and sign-in POSTs (staff form, member link) are limited per address.
/// </summary>
public sealed class StaffSignInLimitTests(ProxiedWebFactory factory) : IClassFixture<ProxiedWebFactory>
{
    private const string Attacker = "203.0.113.66";
    private const string Office = "198.51.100.20";

    private async Task<User> AddUserAsync(int iterations = 10_000) =>
        await factory.Services.GetRequiredService<UserStore>()
            .AddAsync($"target-{Guid.NewGuid():N}@cecop.example", "Target", "editor", Password, CancellationToken.None, iterations);

    private static async Task<HttpResponseMessage> SignInFromAsync(HttpClient client, string csrf, string visitor, string email, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent([new("__csrf", csrf), new("Email", email), new("Password", password)]),
        };
        request.Headers.Add("X-Forwarded-For", visitor);
        return await client.SendAsync(request);
    }

    private Task<long> FailuresAsync(User user, string ip) =>
        ScalarAsync<long>(factory, "SELECT coalesce(max(failures), 0) FROM staff_login_failures WHERE user_id = @Id AND ip = @ip", new { user.Id, ip });

    [Fact]
    public async Task Failed_sign_ins_lock_the_account_only_against_the_address_that_made_them()
    {
        var user = await AddUserAsync();
        using var attacker = factory.CreateClient(new() { AllowAutoRedirect = false });
        var csrf = await CsrfAsync(attacker, "/admin/login");
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInFromAsync(attacker, csrf, Attacker, user.Email, "not the password " + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        // Locked against the attacker's address, even with the right password...
        using (var locked = await SignInFromAsync(attacker, csrf, Attacker, user.Email, Password))
            Assert.Contains("The e-mail or password is not right", await locked.Content.ReadAsStringAsync());
        Assert.Equal(5, await FailuresAsync(user, Attacker));

        // ...while its owner, from the office, signs in as usual.
        using var owner = factory.CreateClient(new() { AllowAutoRedirect = false });
        using (var signedIn = await SignInFromAsync(owner, await CsrfAsync(owner, "/admin/login"), Office, user.Email, Password))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.NotNull((await factory.Services.GetRequiredService<UserStore>().GetAsync(user.Id, CancellationToken.None))!.LockedUntil);
    }

    [Fact]
    public async Task Thirty_guesses_sent_at_once_get_exactly_the_limit_judged()
    {
        // Real hashing cost, so the guesses overlap while their passwords are being checked.
        var user = await AddUserAsync(iterations: 200_000);
        var clients = Enumerable.Range(0, 30).Select(_ => factory.CreateClient(new() { AllowAutoRedirect = false })).ToList();
        try
        {
            var forms = await Task.WhenAll(clients.Select(c => CsrfAsync(c, "/admin/login")));
            var responses = await Task.WhenAll(clients.Select((c, i) => SignInFromAsync(c, forms[i], Attacker, user.Email, "guess " + i)));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            foreach (var response in responses) response.Dispose();
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
        Assert.Equal(5, await FailuresAsync(user, Attacker));
        using var late = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var right = await SignInFromAsync(late, await CsrfAsync(late, "/admin/login"), Attacker, user.Email, Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Sign_in_posts_past_the_per_address_limit_get_429()
    {
        await using var limited = new CecopWebFactory();
        limited.Settings["Web:SignInRatePerMinutePerIp"] = "3";
        using var client = limited.CreateClient(new() { AllowAutoRedirect = false });
        var csrf = await CsrfAsync(client, "/admin/login");
        var staff = new List<HttpStatusCode>();
        var member = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using (var response = await PostAsync(client, "/admin/login", ("__csrf", csrf), ("Email", "nobody@cecop.example"), ("Password", "guess " + i)))
                staff.Add(response.StatusCode);
            using (var response = await PostAsync(client, "/members/login/not-a-token", ("__csrf", csrf)))
                member.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], staff);
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], member);
        // Reading the forms is not limited.
        using var form = await client.GetAsync("/admin/login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }
}
