using System.Net;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web;

/// <summary>The sign-up form's limit per IP address: reading is free, the third sign-up in a minute gets a 429 page.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly CecopWebFactory _factory = new();

    public RateLimitTests() => _factory.Settings["Web:SignupRatePerMinutePerIp"] = "2";

    [Fact]
    public async Task The_third_sign_up_within_a_minute_gets_429_and_is_not_stored()
    {
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var csrf = await CsrfAsync(client, "/subscribe");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostAsync(client, "/subscribe", ("__csrf", csrf), ("Email", $"flood{i}@example.org"), ("Language", "en"),
                ("List", "external-newsletter"), ("Consent", "true"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.Contains("Too many requests", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(0, await ScalarAsync<long>(_factory, "SELECT count(*) FROM subscribers WHERE email_key = 'flood2@example.org'"));
        // Reading the form is not limited.
        using var form = await client.GetAsync("/subscribe");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
