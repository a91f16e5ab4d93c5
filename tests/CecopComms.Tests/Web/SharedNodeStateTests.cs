using System.Net;
using System.Text.RegularExpressions;
using CecopComms.Delivery;
using CecopComms.Hosting;
using CecopComms.Hosting.Settings;
using CecopComms.Tests.Infrastructure;
using CecopComms.Web.Admin;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web;

/// <summary>
/// What several nodes of one database share: the data-protection keys (so antiforgery tokens and sign-in cookies made by
/// one node work on another) and the settings saved on the admin page (which reach the other nodes within seconds).
/// </summary>
public sealed partial class SharedNodeStateTests
{
    private const string Password = "correct horse battery staple";

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    [Fact]
    public async Task An_antiforgery_token_and_a_sign_in_cookie_made_on_one_node_work_on_another_and_tampered_ones_do_not()
    {
        using var one = new CecopWebFactory();
        using var two = new CecopWebFactory();
        foreach (var (key, value) in one.Workspace.StorageKeys()) two.Settings[key] = value;
        var email = $"editor-{Guid.NewGuid():N}@cecop.example";
        await one.Services.GetRequiredService<UserStore>().AddAsync(email, "Sofia", "editor", Password, CancellationToken.None, iterations: 10_000);
        using var first = one.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var second = two.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var (antiforgery, token) = await LoginFormAsync(first);
        using (var tampered = await SignInAsync(second, antiforgery, Altered(token), email))
            Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Null(await ScalarAsync<string?>(two, "SELECT email FROM users WHERE email_key = @email AND last_login_at IS NOT NULL", new { email }));

        // Node 1's form, posted to node 2, signs in; node 2's session cookie is taken by node 1.
        using (var signedIn = await SignInAsync(second, antiforgery, token, email))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            var session = Cookies(signedIn);
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(first, "/admin/activity", session));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, "/admin/activity", session));
            Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(first, "/admin/activity", AlterCookie(session)));
        }

        // And the other way: signed in on node 1, the cookie works on node 2.
        var (antiforgeryTwo, tokenTwo) = await LoginFormAsync(first);
        using (var signedInOnOne = await SignInAsync(first, antiforgeryTwo, tokenTwo, email))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedInOnOne.StatusCode);
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(second, "/admin/activity", Cookies(signedInOnOne)));
        }

        // The keys are in the database, not in a folder beside it.
        Assert.True(await ScalarAsync<long>(one, "SELECT count(*) FROM data_protection_keys") >= 1);
        Assert.False(Directory.Exists(one.Workspace.Path(CecopComms.Web.DatabaseKeyRepository.LegacyFolderName)));
    }

    [SqliteFact]
    public void Keys_kept_in_the_former_web_keys_folder_still_unprotect_what_they_protected()
    {
        using var factory = new CecopWebFactory();
        var folder = new DirectoryInfo(Path.Combine(Path.GetDirectoryName(factory.Workspace.DatabasePath)!, CecopComms.Web.DatabaseKeyRepository.LegacyFolderName));
        var before = DataProtectionProvider.Create(folder, b => b.SetApplicationName("cecop")).CreateProtector("cookie");
        var payload = before.Protect("a session made before the upgrade");

        var after = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie");

        Assert.Equal("a session made before the upgrade", after.Unprotect(payload));
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => after.Unprotect(Altered(payload)));
    }

    [Fact]
    public async Task A_settings_save_on_one_node_reaches_the_options_of_another_within_the_check_interval()
    {
        using var workspace = new TempWorkspace();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(workspace.WithStorage(new Dictionary<string, string?>
        {
            ["Delivery:Transport"] = "outbox",
            ["Delivery:OutboxPath"] = workspace.Path("outbox"),
        })).Build();
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var clockOne = new FakeTimeProvider(start);
        var clockTwo = new FakeTimeProvider(start);
        await using var one = await AppServices.StartAsync(configuration, clockOne, CancellationToken.None);
        await using var two = await AppServices.StartAsync(configuration, clockTwo, CancellationToken.None);
        var optionsOne = one.GetRequiredService<IOptionsMonitor<DeliveryOptions>>();
        var optionsTwo = two.GetRequiredService<IOptionsMonitor<DeliveryOptions>>();
        Assert.NotEqual(7, optionsTwo.CurrentValue.RatePerSecond);

        await one.GetRequiredService<SettingsStore>().SaveAsync(
            new Dictionary<string, object> { [SettingsSections.Rates] = new RateSettings { RatePerSecond = 7, PerDomainRatePerSecond = 2 } },
            "ana@cecop.example", CancellationToken.None);

        Assert.Equal(7, optionsOne.CurrentValue.RatePerSecond);
        clockTwo.Advance(SettingsStore.CheckInterval - TimeSpan.FromMilliseconds(1));
        Assert.NotEqual(7, optionsTwo.CurrentValue.RatePerSecond);
        clockTwo.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(7, optionsTwo.CurrentValue.RatePerSecond);
        Assert.Equal(2, optionsTwo.CurrentValue.PerDomainRatePerSecond);

        // A second save is seen at the next check too, and a check with nothing new leaves the options as they are.
        await one.GetRequiredService<SettingsStore>().SaveAsync(
            new Dictionary<string, object> { [SettingsSections.Rates] = new RateSettings { RatePerSecond = 9 } }, "ana@cecop.example", CancellationToken.None);
        clockTwo.Advance(SettingsStore.CheckInterval);
        Assert.Equal(9, optionsTwo.CurrentValue.RatePerSecond);
        var current = optionsTwo.CurrentValue;
        clockTwo.Advance(SettingsStore.CheckInterval);
        Assert.Same(current, optionsTwo.CurrentValue);

        // A clock moved ahead by a year (a host resumed after a suspend; a test's fake clock) gives one check, not one
        // per interval it spans: 6.3 million round trips once held the suite on PostgreSQL for over an hour.
        var store = two.GetRequiredService<SettingsStore>();
        var checks = store.ChecksMade;
        clockTwo.Advance(TimeSpan.FromDays(365));
        Assert.Equal(checks + 1, store.ChecksMade);
        await one.GetRequiredService<SettingsStore>().SaveAsync(
            new Dictionary<string, object> { [SettingsSections.Rates] = new RateSettings { RatePerSecond = 11 } }, "ana@cecop.example", CancellationToken.None);
        clockTwo.Advance(SettingsStore.CheckInterval);
        Assert.Equal(11, optionsTwo.CurrentValue.RatePerSecond);
    }

    private static async Task<(string Cookie, string Token)> LoginFormAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/admin/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var field = CsrfField().Match(await response.Content.ReadAsStringAsync());
        Assert.True(field.Success, "The sign-in form has no antiforgery field.");
        return (Cookies(response), WebUtility.HtmlDecode(field.Groups[1].Value));
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string cookie, string token, string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__csrf"] = token, ["Email"] = email, ["Password"] = Password, ["ReturnUrl"] = "/admin",
            }),
        };
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    // The name=value part of each cookie the response sets.
    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    // The session cookie with one character of its value changed.
    private static string AlterCookie(string cookies) =>
        string.Join("; ", cookies.Split("; ").Select(c => c.StartsWith(StaffAuthentication.CookieName + "=", StringComparison.Ordinal)
            ? c[..(StaffAuthentication.CookieName.Length + 1)] + Altered(c[(StaffAuthentication.CookieName.Length + 1)..])
            : c));
}
