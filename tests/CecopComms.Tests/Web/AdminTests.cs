using System.Net;
using CecopComms.Web.Admin;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web;

/// <summary>The admin area: sign-in with a cookie, lockout, sign-out, and the first page behind the policy.</summary>
public sealed class AdminTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private const string Password = "correct horse battery staple";

    private async Task<string> AddUserAsync(string email)
    {
        // Fewer iterations than real accounts, so the test does not spend its time hashing.
        await factory.Services.GetRequiredService<UserStore>().AddAsync(email, "Sofia", "admin", Password, CancellationToken.None, iterations: 10_000);
        return email;
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var csrf = await CsrfAsync(client, "/admin/login");
        return await PostAsync(client, "/admin/login", ("__csrf", csrf), ("Email", email), ("Password", password), ("ReturnUrl", returnUrl ?? ""));
    }

    [Fact]
    public async Task The_admin_page_sends_strangers_to_the_sign_in_page()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { "/admin", "/admin/logout" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/admin/login?ReturnUrl=", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task Signing_in_opens_the_mailings_in_progress_and_signing_out_closes_them()
    {
        var email = await AddUserAsync("sofia@cecop.example");
        var mailing = await AddMailingAsync(factory, "external-newsletter");
        await ScalarAsync<long>(factory, "UPDATE mailings SET status = 'running', title = 'CECOP Newsletter <running>' WHERE id = @mailing", new { mailing });
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using (var signedIn = await SignInAsync(client, email, Password, "/admin"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/admin", signedIn.Headers.Location?.OriginalString);
        }
        using (var page = await client.GetAsync("/admin"))
        {
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Mailings in progress", html);
            Assert.Contains("CECOP Newsletter &lt;running&gt;", html);
            Assert.Contains("no-store", page.Headers.CacheControl?.ToString());
            // The admin layout: the sections' navigation marks the current one, and the sign-out form carries its antiforgery field.
            Assert.Contains("<a href=\"/admin\" aria-current=\"page\">Dashboard</a>", html);
            Assert.Contains("href=\"/admin/staff\"", html);
            Assert.Matches("action=\"/admin/logout\"[^>]*>[\\s\\S]*name=\"__csrf\"", html);
        }
        Assert.NotNull(await ScalarAsync<string?>(factory, "SELECT last_login_at FROM users WHERE email_key = @email", new { email }));

        using (var signedOut = await PostAsync(client, "/admin/logout", ("__csrf", await CsrfAsync(client, "/admin/logout"))))
            Assert.Equal("/admin/login", signedOut.Headers.Location?.OriginalString);
        using var after = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task A_foreign_return_address_is_ignored()
    {
        var email = await AddUserAsync("redirect@cecop.example");
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await SignInAsync(client, email, Password, "https://evil.example/");

        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_unknown_addresses_get_the_same_answer()
    {
        var email = await AddUserAsync("locked@cecop.example");
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        string? answer = null;
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInAsync(client, email, "not the password " + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            answer = await wrong.Content.ReadAsStringAsync();
        }
        using var locked = await SignInAsync(client, email, Password);
        using var unknown = await SignInAsync(client, "nobody@cecop.example", Password);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("The e-mail or password is not right", await locked.Content.ReadAsStringAsync());
        Assert.Equal(Normalise(answer!), Normalise(await unknown.Content.ReadAsStringAsync()));
        Assert.Equal(5, await ScalarAsync<long>(factory, "SELECT failed_logins FROM staff_accounts WHERE email_key = @email", new { email }));
        Assert.NotNull(await ScalarAsync<string?>(factory, "SELECT locked_until FROM staff_accounts WHERE email_key = @email", new { email }));
        using var stillOut = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);

        // The forms differ only in the e-mail typed back and the antiforgery field.
        static string Normalise(string html) => System.Text.RegularExpressions.Regex.Replace(html, "value=\"[^\"]*\"", "value=\"\"");
    }

    [Fact]
    public async Task The_sign_in_form_without_its_antiforgery_field_gets_400()
    {
        var email = await AddUserAsync("csrf@cecop.example");
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await PostAsync(client, "/admin/login", ("Email", email), ("Password", Password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await ScalarAsync<string?>(factory, "SELECT last_login_at FROM users WHERE email_key = @email", new { email }));
    }
}
