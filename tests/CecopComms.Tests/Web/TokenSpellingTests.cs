using System.Net;
using CecopComms.Delivery;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web;

/// <summary>
/// A signed link works only as it was sent: the same token with a space, a newline, '=' padding, the standard base64
/// alphabet or a non-canonical last character is refused by the pages that read it.
/// </summary>
public sealed class TokenSpellingTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private const string List = "external-newsletter";

    [Theory]
    [InlineData("unsubscribe", TokenPurpose.Unsubscribe)]
    [InlineData("preferences", TokenPurpose.Preferences)]
    public async Task Every_other_spelling_of_a_valid_link_gets_400(string page, TokenPurpose purpose)
    {
        var person = await AddSubscriberAsync(factory, $"{page}-spelling@example.org", [List]);
        // The first mailing whose token has '-' or '_', so its standard-alphabet spelling is another one.
        string token;
        do token = Token(purpose, person, await AddMailingAsync(factory, List));
        while (!token.Contains('-') && !token.Contains('_'));
        using var client = factory.CreateClient();

        using (var valid = await client.GetAsync($"/{page}/{token}")) Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        foreach (var (kind, other) in OtherSpellings(token))
        {
            using var response = await client.GetAsync($"/{page}/{Uri.EscapeDataString(other)}");
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{kind}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_one_click_unsubscribe_with_another_spelling_changes_nothing()
    {
        var person = await AddSubscriberAsync(factory, "oneclick-spelling@example.org", [List]);
        var token = Token(TokenPurpose.Unsubscribe, person, await AddMailingAsync(factory, List));
        using var client = factory.CreateClient();

        foreach (var (kind, other) in OtherSpellings(token))
        {
            using var response = await client.PostAsync($"/unsubscribe/{Uri.EscapeDataString(other)}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{kind}: {response.StatusCode}");
        }
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, "oneclick-spelling@example.org", List));
    }
}
