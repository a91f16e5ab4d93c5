using System.Net;
using System.Text.Json;
using CecopComms.Delivery;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web;

/// <summary>The preference centre: name, language, lists under the members-only rule, the data download, erasure.</summary>
public sealed class PreferencesTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private const string List = "external-newsletter";

    [Fact]
    public async Task CECOP_Link_is_offered_only_to_contacts_of_member_organisations()
    {
        var member = await AddSubscriberAsync(factory, "member@example.org", ["cecop-link"], member: true);
        var publicOne = await AddSubscriberAsync(factory, "public@example.org", [List]);
        using var client = factory.CreateClient();

        var forMember = await client.GetStringAsync("/preferences/" + Token(TokenPurpose.Preferences, member, 1));
        var forPublic = await client.GetStringAsync("/preferences/" + Token(TokenPurpose.Preferences, publicOne, 1));

        Assert.Contains("value=\"cecop-link\"", forMember);
        Assert.Contains("value=\"external-newsletter\"", forMember);
        Assert.DoesNotContain("cecop-link", forPublic);
        Assert.Contains("value=\"external-newsletter\" checked=\"checked\"", forPublic);
        Assert.Contains("value=\"Ana López\"", forPublic);
    }

    [Fact]
    public async Task Saving_changes_name_language_and_lists_and_a_non_member_cannot_join_CECOP_Link()
    {
        var person = await AddSubscriberAsync(factory, "prefs@example.org", [List]);
        var mailing = await AddMailingAsync(factory, List);
        var url = "/preferences/" + Token(TokenPurpose.Preferences, person, mailing);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var csrf = await CsrfAsync(client, url);

        using (var refused = await PostAsync(client, url + "?handler=Save", ("__csrf", csrf), ("Name", "Eve"), ("Language", "it"), ("Lists", List), ("Lists", "cecop-link")))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Choose newsletters from the list", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal("Ana López", await ScalarAsync<string>(factory, "SELECT name FROM subscribers WHERE id = @Id", new { person.Id }));
        Assert.Null(await SubscriptionStatusAsync(factory, "prefs@example.org", "cecop-link"));

        using (var saved = await PostAsync(client, url + "?handler=Save", ("__csrf", csrf), ("Name", "Ana <i>Maria</i>"), ("Language", "it")))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Ana <i>Maria</i>", await ScalarAsync<string>(factory, "SELECT name FROM subscribers WHERE id = @Id", new { person.Id }));
        Assert.Equal("it", await ScalarAsync<string>(factory, "SELECT language FROM subscribers WHERE id = @Id", new { person.Id }));
        Assert.Equal("unsubscribed", await SubscriptionStatusAsync(factory, "prefs@example.org", List));
        Assert.Equal(1, await ScalarAsync<long>(factory, "SELECT count(*) FROM events WHERE mailing_id = @mailing AND kind = 'unsubscribe'", new { mailing }));
        var page = await client.GetStringAsync(url + "?saved=true");
        // The page now speaks the language just chosen.
        Assert.Contains("<html lang=\"it\">", page);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(CecopComms.Localization.ReaderWords.Get("prefs.saved", "it")), page);
        Assert.DoesNotContain("Your preferences are saved", page);
        Assert.Contains("Ana &lt;i&gt;Maria&lt;/i&gt;", page);

        // Ticking it again is the person's own consent: confirmed again, with a consent record.
        using (await PostAsync(client, url + "?handler=Save", ("__csrf", csrf), ("Name", "Ana"), ("Language", "it"), ("Lists", List))) { }
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, "prefs@example.org", List));
        Assert.Equal(1, await ScalarAsync<long>(factory, "SELECT count(*) FROM consents WHERE subscriber_id = @Id AND source = 'form' AND withdrawn_at IS NULL", new { person.Id }));
    }

    [Fact]
    public async Task My_data_downloads_as_json_and_erasure_needs_a_second_step_and_ends_the_link()
    {
        var person = await AddSubscriberAsync(factory, "erase@example.org", [List]);
        var url = "/preferences/" + Token(TokenPurpose.Preferences, person, 1);
        using var client = factory.CreateClient();
        var csrf = await CsrfAsync(client, url);

        using (var data = await PostAsync(client, url + "?handler=Data", ("__csrf", csrf)))
        {
            Assert.Equal("application/json", data.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", data.Content.Headers.ContentDisposition?.DispositionType);
            using var json = JsonDocument.Parse(await data.Content.ReadAsStringAsync());
            Assert.Equal("erase@example.org", json.RootElement.GetProperty("subscriber").GetProperty("email").GetString());
            Assert.Equal(List, json.RootElement.GetProperty("subscriptions")[0].GetProperty("list_slug").GetString());
            Assert.Equal("cli", json.RootElement.GetProperty("consents")[0].GetProperty("source").GetString());
        }

        using (var ask = await PostAsync(client, url + "?handler=Erase", ("__csrf", csrf)))
            Assert.Contains("Erase your data?", await ask.Content.ReadAsStringAsync());
        Assert.Null(await ScalarAsync<string?>(factory, "SELECT erased_at FROM subscribers WHERE id = @Id", new { person.Id }));

        using (var erased = await PostAsync(client, url + "?handler=EraseConfirmed", ("__csrf", csrf)))
            Assert.Contains("Your data has been erased", await erased.Content.ReadAsStringAsync());
        Assert.NotNull(await ScalarAsync<string?>(factory, "SELECT erased_at FROM subscribers WHERE id = @Id", new { person.Id }));
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM subscribers WHERE email_key = 'erase@example.org'"));

        using var after = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Gone, after.StatusCode);
    }

    [Fact]
    public async Task Forged_and_wrong_purpose_tokens_and_forms_without_antiforgery_get_400()
    {
        var person = await AddSubscriberAsync(factory, "guarded@example.org", [List]);
        var good = Token(TokenPurpose.Preferences, person, 1);
        using var client = factory.CreateClient();

        foreach (var token in new[] { Altered(good), Token(TokenPurpose.Unsubscribe, person, 1), new TokenSigner(new byte[40]).Create(new RecipientToken(TokenPurpose.Preferences, Guid.Parse(person.Uuid), 1)) })
        {
            using var page = await client.GetAsync("/preferences/" + token);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        }
        await CsrfAsync(client, "/preferences/" + good);
        using var noCsrf = await PostAsync(client, $"/preferences/{good}?handler=EraseConfirmed");
        Assert.Equal(HttpStatusCode.BadRequest, noCsrf.StatusCode);
        Assert.Null(await ScalarAsync<string?>(factory, "SELECT erased_at FROM subscribers WHERE id = @Id", new { person.Id }));
    }
}
