using System.Net;
using CecopComms.Delivery;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web;

/// <summary>Sign-up with double opt-in: the form, the confirmation mail and link, consent, the same answer for everyone.</summary>
public sealed class SignupTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private const string List = "external-newsletter";

    // The people here sign up in Polish, so the pages their links open speak Polish.
    private static string Pl(string key) =>
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(CecopComms.Localization.ReaderWords.Get(key, "pl"));

    private async Task<HttpResponseMessage> SignUpAsync(HttpClient client, string email, string homepage = "", bool consent = true)
    {
        var csrf = await CsrfAsync(client, "/subscribe");
        return await PostAsync(client, "/subscribe", ("__csrf", csrf), ("Email", email), ("Name", "Marta <b>Kowalska</b>"), ("Language", "pl"),
            ("List", List), ("Homepage", homepage), ("Consent", consent ? "true" : "false"));
    }

    [Fact]
    public async Task A_new_address_gets_one_confirmation_mail_and_only_the_button_on_its_page_confirms_it_with_consent()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var before = factory.OutboxMessages().Count;

        using var response = await SignUpAsync(client, "marta@example.org");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/subscribe/sent", response.Headers.Location?.OriginalString);
        Assert.Equal("unconfirmed", await SubscriptionStatusAsync(factory, "marta@example.org", List));
        var mail = (await OutboxAsync(factory, before + 1)).Single(m => m.Contains("Delivered-To: marta@example.org"));
        // In the language chosen on the form: Polish.
        Assert.Equal(CecopComms.Localization.ReaderWords.Format("mail.confirm.subject", "pl", "CECOP Newsletter"),
            MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail))).Subject);
        Assert.StartsWith("Potwierdź", CecopComms.Localization.ReaderWords.Get("mail.confirm.subject", "pl"));
        // The name a stranger typed is not echoed: neither in the greeting nor in the To header.
        Assert.DoesNotContain("Kowalska", mail.Replace("=\r\n", ""));
        Assert.Equal("pl", await ScalarAsync<string>(factory, "SELECT language FROM subscribers WHERE email_key = 'marta@example.org'"));
        var link = PathOf(ConfirmUrl(mail));

        // Opening the link (what a mail scanner does) confirms nothing.
        using (var page = await client.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(Pl("confirm.submit"), await page.Content.ReadAsStringAsync());
            Assert.Contains("no-store", page.Headers.CacheControl?.ToString());
        }
        Assert.Equal("unconfirmed", await SubscriptionStatusAsync(factory, "marta@example.org", List));

        var csrf = await CsrfAsync(client, link);
        using (var confirmed = await PostAsync(client, link + "?handler=Confirm", ("__csrf", csrf)))
            Assert.Contains(Pl("confirm.done.title"), await confirmed.Content.ReadAsStringAsync());
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, "marta@example.org", List));
        Assert.Equal(1, await ScalarAsync<long>(factory,
            "SELECT count(*) FROM consents c JOIN subscribers s ON s.id = c.subscriber_id JOIN lists l ON l.id = c.list_id WHERE s.email_key = 'marta@example.org' AND c.source = 'form' AND c.wording_version = 'signup-2026-11' AND c.channel <> '' AND l.slug = @List",
            new { List }));

        // A replayed confirmation changes nothing and records no second consent.
        using (var replay = await PostAsync(client, link + "?handler=Confirm", ("__csrf", csrf)))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.Contains(Pl("confirm.already.title"), await replay.Content.ReadAsStringAsync());
        }
        Assert.Equal(1, await ScalarAsync<long>(factory, "SELECT count(*) FROM consents c JOIN subscribers s ON s.id = c.subscriber_id WHERE s.email_key = 'marta@example.org'"));

        // Opening the used link again says it is done, and offers no button to press again.
        var again = await (await client.GetAsync(link)).Content.ReadAsStringAsync();
        Assert.Contains(string.Format(Pl("confirm.already.body"), "<strong>CECOP Newsletter</strong>"), again);
        Assert.DoesNotContain(Pl("confirm.submit"), again);
    }

    [Fact]
    public async Task Known_and_unknown_addresses_get_the_same_answer_and_a_confirmed_subscriber_gets_no_mail()
    {
        await AddSubscriberAsync(factory, "known@example.org", [List]);
        using var client = factory.CreateClient();
        var before = factory.OutboxMessages().Count;

        using var known = await SignUpAsync(client, "known@example.org");
        using var unknown = await SignUpAsync(client, "unknown@example.org");

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(known.RequestMessage!.RequestUri, unknown.RequestMessage!.RequestUri);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Contains("Check your inbox", await known.Content.ReadAsStringAsync());
        var mails = await OutboxAsync(factory, before + 1);
        await Task.Delay(300);
        Assert.Equal(before + 1, factory.OutboxMessages().Count);
        Assert.Contains(mails, m => m.Contains("Delivered-To: unknown@example.org"));
        Assert.DoesNotContain(factory.OutboxMessages(), m => m.Contains("Delivered-To: known@example.org"));
        // The known person's name and language are not the form's to change.
        Assert.Equal("Ana López", await ScalarAsync<string>(factory, "SELECT name FROM subscribers WHERE email_key = 'known@example.org'"));
    }

    [Fact]
    public async Task A_list_in_the_address_narrows_the_form_and_a_list_without_public_sign_up_is_not_found()
    {
        using var client = factory.CreateClient();

        using var newsletter = await client.GetAsync("/subscribe/external-newsletter");
        using var link = await client.GetAsync("/subscribe/cecop-link");
        using var none = await client.GetAsync("/subscribe/no-such-list");

        Assert.Equal(HttpStatusCode.OK, newsletter.StatusCode);
        Assert.Contains("<input type=\"hidden\" name=\"List\" value=\"external-newsletter\">", await newsletter.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, link.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task The_honeypot_gets_the_same_answer_and_nothing_is_stored_or_sent()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var before = factory.OutboxMessages().Count;

        using var response = await SignUpAsync(client, "robot@example.org", homepage: "http://spam.example");

        Assert.Equal("/subscribe/sent", response.Headers.Location?.OriginalString);
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM subscribers WHERE email_key = 'robot@example.org'"));
        await Task.Delay(300);
        Assert.Equal(before, factory.OutboxMessages().Count);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_field_is_refused_with_400_and_stores_nothing()
    {
        using var client = factory.CreateClient();
        await CsrfAsync(client, "/subscribe");

        using var response = await PostAsync(client, "/subscribe", ("Email", "csrf@example.org"), ("Language", "en"), ("List", List), ("Consent", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM subscribers WHERE email_key = 'csrf@example.org'"));
    }

    [Fact]
    public async Task A_bad_address_or_no_consent_is_explained_on_the_form()
    {
        using var client = factory.CreateClient();

        using var bad = await SignUpAsync(client, "not-an-address");
        using var noConsent = await SignUpAsync(client, "noconsent@example.org", consent: false);

        Assert.Contains("Please write an e-mail address", await bad.Content.ReadAsStringAsync());
        Assert.Contains("Tick the box", await noConsent.Content.ReadAsStringAsync());
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM subscribers WHERE email_key = 'noconsent@example.org'"));
    }

    [Fact]
    public async Task Forged_altered_and_wrong_purpose_confirmation_tokens_get_400_and_change_nothing()
    {
        var person = await AddSubscriberAsync(factory, "pending@example.org", []);
        var listId = await ScalarAsync<long>(factory, "SELECT id FROM lists WHERE slug = @List", new { List });
        await using (var connection = await factory.Database.OpenAsync())
            await Dapper.SqlMapper.ExecuteAsync(connection, "INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, updated_at) VALUES (@listId, @Id, 'unconfirmed', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')", new { listId, person.Id });
        var good = Signer.CreateExpiring(new ExpiringToken(TokenPurpose.Confirm, Guid.Parse(person.Uuid), listId, DateTimeOffset.UtcNow.AddHours(1)));
        var forged = new TokenSigner(new byte[32]).CreateExpiring(new ExpiringToken(TokenPurpose.Confirm, Guid.Parse(person.Uuid), listId, DateTimeOffset.UtcNow.AddHours(1)));
        var wrongPurpose = Signer.CreateExpiring(new ExpiringToken(TokenPurpose.MemberLogin, Guid.Parse(person.Uuid), listId, DateTimeOffset.UtcNow.AddHours(1)));
        var unsubscribeToken = Token(TokenPurpose.Unsubscribe, person, 0);
        using var client = factory.CreateClient();
        var csrf = await CsrfAsync(client, "/confirm/" + good);

        foreach (var token in new[] { forged, Altered(good), wrongPurpose, unsubscribeToken, "x", good[..^2] })
        {
            using var page = await client.GetAsync("/confirm/" + token);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            using var post = await PostAsync(client, $"/confirm/{token}?handler=Confirm", ("__csrf", csrf));
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        }
        Assert.Equal("unconfirmed", await SubscriptionStatusAsync(factory, "pending@example.org", List));
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM consents WHERE subscriber_id = @Id", new { person.Id }));
    }

    [Fact]
    public async Task An_expired_link_says_so_confirms_nothing_and_its_button_sends_a_fresh_one()
    {
        var person = await AddSubscriberAsync(factory, "late@example.org", []);
        var listId = await ScalarAsync<long>(factory, "SELECT id FROM lists WHERE slug = @List", new { List });
        var expired = Signer.CreateExpiring(new ExpiringToken(TokenPurpose.Confirm, Guid.Parse(person.Uuid), listId, DateTimeOffset.UtcNow.AddSeconds(-5)));
        using var client = factory.CreateClient();
        var before = factory.OutboxMessages().Count;

        var csrf = await CsrfAsync(client, "/confirm/" + expired);
        using (var page = await client.GetAsync("/confirm/" + expired))
            Assert.Contains("This link has expired", await page.Content.ReadAsStringAsync());
        using (var post = await PostAsync(client, $"/confirm/{expired}?handler=Confirm", ("__csrf", csrf)))
            Assert.Contains("This link has expired", await post.Content.ReadAsStringAsync());
        Assert.Null(await SubscriptionStatusAsync(factory, "late@example.org", List));

        using (var resend = await PostAsync(client, $"/confirm/{expired}?handler=Resend", ("__csrf", csrf)))
            Assert.Contains("Check your inbox", await resend.Content.ReadAsStringAsync());
        var mail = (await OutboxAsync(factory, before + 1)).Single(m => m.Contains("Delivered-To: late@example.org"));
        var fresh = PathOf(ConfirmUrl(mail));
        Assert.NotEqual("/confirm/" + expired, fresh);
        using (var post = await PostAsync(client, fresh + "?handler=Confirm", ("__csrf", await CsrfAsync(client, fresh))))
            Assert.Contains("You are subscribed", await post.Content.ReadAsStringAsync());
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, "late@example.org", List));
    }

    [Fact]
    public async Task Someone_who_unsubscribed_gets_a_confirmation_when_they_sign_up_again_but_an_older_link_does_not_undo_their_unsubscribe()
    {
        var person = await AddSubscriberAsync(factory, "back@example.org", [List]);
        var listId = await ScalarAsync<long>(factory, "SELECT id FROM lists WHERE slug = @List", new { List });
        var oldLink = "/confirm/" + Signer.CreateExpiring(new ExpiringToken(TokenPurpose.Confirm, Guid.Parse(person.Uuid), listId, DateTimeOffset.UtcNow.AddHours(72).AddMinutes(-30)));
        await using (var connection = await factory.Database.OpenAsync())
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = @Now WHERE subscriber_id = @Id",
                new { person.Id, Now = DateTimeOffset.UtcNow.AddMinutes(-10) });
        using var client = factory.CreateClient();

        // Opening the older link says so and offers no button; pressing its button anyway (a form kept open) changes nothing.
        var opened = await (await client.GetAsync(oldLink)).Content.ReadAsStringAsync();
        Assert.Contains("You unsubscribed since", opened);
        Assert.DoesNotContain("Confirm my subscription", opened);
        using (var post = await PostAsync(client, oldLink + "?handler=Confirm", ("__csrf", await CsrfAsync(client, "/subscribe"))))
            Assert.Contains("You unsubscribed since", await post.Content.ReadAsStringAsync());
        Assert.Equal("unsubscribed", await SubscriptionStatusAsync(factory, "back@example.org", List));

        var before = factory.OutboxMessages().Count;
        // The form's Polish does not change a known person's language: a stranger could have typed it.
        using (await SignUpAsync(client, "back@example.org")) { }
        var mail = (await OutboxAsync(factory, before + 1)).Single(m => m.Contains("Delivered-To: back@example.org"));
        Assert.Equal("unsubscribed", await SubscriptionStatusAsync(factory, "back@example.org", List));
        var link = PathOf(ConfirmUrl(mail));
        using (var post = await PostAsync(client, link + "?handler=Confirm", ("__csrf", await CsrfAsync(client, link))))
            Assert.Contains("You are subscribed", await post.Content.ReadAsStringAsync());
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, "back@example.org", List));
    }
}
