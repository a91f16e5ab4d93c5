using System.Net;
using CecopComms.Web.Admin;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>What the reports and staff tests share: a new staff account of a role, signed in through the sign-in form.</summary>
internal static class StaffSession
{
    public const string Password = "correct horse battery staple";

    /// <summary>The remote address of sign-ins a test makes through <see cref="UserStore.SignInAsync"/> directly.</summary>
    public const string Address = "192.0.2.10";

    /// <summary>A new account with <paramref name="role"/> and a client signed in as it (redirects not followed).</summary>
    public static async Task<(HttpClient Client, User User)> SignInAsync(CecopWebFactory factory, string role)
    {
        // Fewer iterations than real accounts, so the test does not spend its time hashing.
        var user = await factory.Services.GetRequiredService<UserStore>()
            .AddAsync($"{role}-{Guid.NewGuid():N}@cecop.example", "Sofia", role, Password, CancellationToken.None, iterations: 10_000);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var csrf = await CsrfAsync(client, "/admin/login");
        using var response = await PostAsync(client, "/admin/login", ("__csrf", csrf), ("Email", user.Email), ("Password", Password), ("ReturnUrl", "/admin"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, user);
    }

    /// <summary>GETs a page and returns its HTML, asserting 200.</summary>
    public static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
