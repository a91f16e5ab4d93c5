using System.Net;
using CecopComms.Delivery;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web;

/// <summary>Unsubscribe links: the page and its one button, RFC 8058 one-click POSTs, forged and replayed tokens.</summary>
public sealed class UnsubscribeTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private const string List = "external-newsletter";

    private static FormUrlEncodedContent OneClick() => new([new("List-Unsubscribe", "One-Click")]);

    private Task<long> EventsAsync(long mailingId) =>
        ScalarAsync<long>(factory, "SELECT count(*) FROM events WHERE mailing_id = @mailingId AND kind = 'unsubscribe'", new { mailingId });

    [Fact]
    public async Task Opening_the_link_changes_nothing_and_its_button_unsubscribes_from_the_mailings_list()
    {
        var person = await AddSubscriberAsync(factory, "page@example.org", [List]);
        var mailing = await AddMailingAsync(factory, List);
        var url = "/unsubscribe/" + Token(TokenPurpose.Unsubscribe, person, mailing);
        using var client = factory.CreateClient();

        var csrf = await CsrfAsync(client, url);
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, "page@example.org", List));

        using var response = await PostAsync(client, url, ("__csrf", csrf));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You will receive no more of <strong>CECOP Newsletter</strong>", await response.Content.ReadAsStringAsync());
        Assert.Equal("unsubscribed", await SubscriptionStatusAsync(factory, "page@example.org", List));
        Assert.Equal(1, await EventsAsync(mailing));
        Assert.NotNull(await ScalarAsync<string?>(factory, "SELECT withdrawn_at FROM consents WHERE subscriber_id = @Id", new { person.Id }));
        Assert.Equal("active", await ScalarAsync<string>(factory, "SELECT status FROM subscribers WHERE id = @Id", new { person.Id }));
    }

    [Fact]
    public async Task The_page_names_the_list_and_a_link_used_before_says_it_is_done_without_a_button()
    {
        var person = await AddSubscriberAsync(factory, "twice@example.org", [List]);
        var mailing = await AddMailingAsync(factory, List);
        var url = "/unsubscribe/" + Token(TokenPurpose.Unsubscribe, person, mailing);
        using var client = factory.CreateClient();

        var first = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
        Assert.Contains("you will receive no more of <strong>CECOP Newsletter</strong>", first);
        Assert.Contains("<button type=\"submit\">Unsubscribe from CECOP Newsletter</button>", first);

        using (var done = await PostAsync(client, url, ("__csrf", await CsrfAsync(client, url)))) Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var again = await (await client.GetAsync(url)).Content.ReadAsStringAsync();

        Assert.Contains("<h1>You are already unsubscribed</h1>", again);
        Assert.Contains("You receive no more of <strong>CECOP Newsletter</strong>; nothing more to do.", again);
        Assert.DoesNotContain("<button", again.Split("<main", 2)[^1]);
        Assert.Equal(1, await EventsAsync(mailing));
    }

    [Fact]
    public async Task A_one_click_post_unsubscribes_without_a_page_and_a_replay_is_harmless()
    {
        var person = await AddSubscriberAsync(factory, "oneclick@example.org", [List]);
        var mailing = await AddMailingAsync(factory, List);
        var url = "/unsubscribe/" + Token(TokenPurpose.Unsubscribe, person, mailing);
        // A mail client: no cookie, no antiforgery field, just the RFC 8058 body.
        using var client = factory.CreateClient();

        using var first = await client.PostAsync(url, OneClick());
        using var replay = await client.PostAsync(url, OneClick());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/plain", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("unsubscribed", await SubscriptionStatusAsync(factory, "oneclick@example.org", List));
        Assert.Equal(1, await EventsAsync(mailing));
    }

    [Fact]
    public async Task Forged_altered_and_wrong_purpose_tokens_get_400_and_change_nothing()
    {
        var person = await AddSubscriberAsync(factory, "forged@example.org", [List]);
        var mailing = await AddMailingAsync(factory, List);
        var good = Token(TokenPurpose.Unsubscribe, person, mailing);
        var forged = new TokenSigner(new byte[32]).Create(new RecipientToken(TokenPurpose.Unsubscribe, Guid.Parse(person.Uuid), mailing));
        using var client = factory.CreateClient();

        foreach (var token in new[] { forged, Altered(good), Token(TokenPurpose.Preferences, person, mailing), Token(TokenPurpose.Open, person, mailing), "not-a-token", good + "AA" })
        {
            using var page = await client.GetAsync("/unsubscribe/" + token);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            Assert.Contains("This link or form is not valid", await page.Content.ReadAsStringAsync());
            using var post = await client.PostAsync("/unsubscribe/" + token, OneClick());
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, "forged@example.org", List));
        Assert.Equal(0, await EventsAsync(mailing));
    }

    [Fact]
    public async Task A_post_that_is_neither_one_click_nor_the_pages_form_gets_400()
    {
        var person = await AddSubscriberAsync(factory, "csrf@example.org", [List]);
        var mailing = await AddMailingAsync(factory, List);
        using var client = factory.CreateClient();

        using var response = await PostAsync(client, "/unsubscribe/" + Token(TokenPurpose.Unsubscribe, person, mailing), ("something", "else"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, "csrf@example.org", List));
    }

    [Fact]
    public async Task Leaving_a_segments_mailing_opts_out_of_everything()
    {
        var person = await AddSubscriberAsync(factory, "segment@example.org", [List, "cecop-link"], member: true);
        var mailing = await AddMailingAsync(factory, null);
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/unsubscribe/" + Token(TokenPurpose.Unsubscribe, person, mailing), OneClick());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unsubscribed", await ScalarAsync<string>(factory, "SELECT status FROM subscribers WHERE id = @Id", new { person.Id }));
        Assert.Equal("unsubscribed", await SubscriptionStatusAsync(factory, "segment@example.org", List));
        Assert.Equal("unsubscribed", await SubscriptionStatusAsync(factory, "segment@example.org", "cecop-link"));
        Assert.Equal(1, await EventsAsync(mailing));
    }
}
