using System.Net;
using CecopComms.Delivery;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web;

/// <summary>
/// Behind a reverse proxy (Web:KnownProxies) the consent record holds the visitor's address from X-Forwarded-For; with
/// no proxy configured the header is ignored, since any visitor can send it to claim another address.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Visitor = "203.0.113.7";

    private static async Task<string> ConsentChannelAfterConfirmingAsync(bool behindProxy)
    {
        await using var factory = new CecopWebFactory { ConfigureServices = s => s.AddTransient<IStartupFilter, LoopbackConnection>() };
        if (behindProxy) factory.Settings["Web:KnownProxies:0"] = "127.0.0.1";
        var person = await AddSubscriberAsync(factory, "lucia@example.org", []);
        var listId = await ScalarAsync<long>(factory, "SELECT id FROM lists WHERE slug = 'external-newsletter'");
        await ScalarAsync<long>(factory, "INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, updated_at) VALUES (@listId, @Id, 'unconfirmed', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z') RETURNING 0",
            new { listId, person.Id });
        var token = Signer.CreateExpiring(new ExpiringToken(TokenPurpose.Confirm, Guid.Parse(person.Uuid), listId, DateTimeOffset.UtcNow.AddHours(1)));
        using var client = factory.CreateClient();
        var csrf = await CsrfAsync(client, "/confirm/" + token);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/confirm/{token}?handler=Confirm")
        {
            Content = new FormUrlEncodedContent([new("__csrf", csrf)]),
        };
        request.Headers.Add("X-Forwarded-For", Visitor);
        using var confirmed = await client.SendAsync(request);

        Assert.True(confirmed.IsSuccessStatusCode || confirmed.StatusCode == HttpStatusCode.Redirect, confirmed.StatusCode.ToString());
        return await ScalarAsync<string>(factory, "SELECT channel FROM consents WHERE subscriber_id = @Id AND source = 'form'", new { person.Id });
    }

    [Fact]
    public async Task Behind_a_known_proxy_the_consent_records_the_visitors_address()
    {
        Assert.Equal(Visitor, await ConsentChannelAfterConfirmingAsync(behindProxy: true));
    }

    [Fact]
    public async Task Without_a_known_proxy_a_forwarded_address_is_not_believed()
    {
        Assert.Equal("127.0.0.1", await ConsentChannelAfterConfirmingAsync(behindProxy: false));
    }
}
