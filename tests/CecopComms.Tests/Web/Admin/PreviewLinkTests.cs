using System.Net;
using System.Text.RegularExpressions;
using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Delivery.Tracking;
using MimeKit;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.Admin.StaffSession;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>Tracking on, so previews and test copies carry the open pixel as well.</summary>
public sealed class PreviewLinkWebFactory : CecopWebFactory
{
    public PreviewLinkWebFactory() => Settings["Tracking:Enabled"] = "true";
}

/// <summary>
/// A preview or a test copy of someone's mail carries inert links: a viewer who previews a mailing for a subscriber, or
/// anyone holding a test copy, follows and posts every link (unsubscribe page and one-click, preferences with a save and
/// an erasure, the open pixel, List-Unsubscribe) and the person is unchanged; each page says the link is from a preview.
/// </summary>
public sealed partial class PreviewLinkTests(PreviewLinkWebFactory factory) : IClassFixture<PreviewLinkWebFactory>
{
    private const string Person = "zoe@example.org";

    [GeneratedRegex(@"(?:href|src)=""http://localhost(/[^""]+)""")]
    private static partial Regex LocalLink();

    [Fact]
    public async Task A_viewer_following_every_link_of_a_subscribers_preview_changes_nothing()
    {
        var (id, subscriber) = await SetUpAsync(7, "2022-06-15");
        using var viewer = await SignInAsync("viewer");

        var html = await HtmlAsync(viewer, $"/admin/content/preview/edition/{id}/html?subscriber={Uri.EscapeDataString(Person)}");
        var page = await HtmlAsync(viewer, $"/admin/content/preview/edition/{id}?subscriber={Uri.EscapeDataString(Person)}");
        var links = LocalLink().Matches(html + page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
        Assert.Contains(links, l => l.StartsWith("/unsubscribe/", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("/preferences/", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("/t/o/", StringComparison.Ordinal));

        await AttackAsync(links);

        await AssertUnchangedAsync(subscriber);
    }

    [Fact]
    public async Task Every_link_and_header_of_a_test_copy_sent_to_a_subscriber_acts_on_no_one()
    {
        var (id, subscriber) = await SetUpAsync(8, "2022-07-15");
        using var editor = await SignInAsync("editor");
        var url = $"/admin/content/preview/edition/{id}";
        var before = factory.OutboxMessages().Count;
        using (var sent = await PostAsync(editor, $"{url}?handler=TestSend", ("__csrf", await CsrfAsync(editor, url)), ("TestEmail", Person), ("Lang", ""), ("Subscriber", "")))
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var raw = (await OutboxAsync(factory, before + 1)).Skip(before).Single();
        var message = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)));

        // The List-Unsubscribe header: its https link goes through the attack below, its mailto token is a preview token,
        // which the bounce mailbox (unsubscribing only for Unsubscribe tokens) leaves alone.
        var header = message.Headers["List-Unsubscribe"]!;
        var mailto = Regex.Match(header, @"<mailto:unsubscribe\+([A-Za-z0-9_-]+)@").Groups[1].Value;
        Assert.True(Signer.TryVerify(mailto, out var token));
        Assert.Equal(RecipientLinkFactory.PreviewToken, token);
        var links = LocalLink().Matches(message.HtmlBody!).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Concat(Regex.Matches(message.TextBody! + header, @"http://localhost(/[^\s>]+)").Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.Contains(links, l => l.StartsWith("/unsubscribe/", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("/preferences/", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("/t/o/", StringComparison.Ordinal));

        await AttackAsync(links);

        await AssertUnchangedAsync(subscriber);
    }

    [Fact]
    public async Task Links_that_earlier_previews_signed_for_the_real_person_without_a_mailing_are_refused_too()
    {
        // Before previews had a token purpose of their own, a preview or a test copy carried the person's own unsubscribe
        // and preference tokens for "mailing 0"; viewers may still hold such links. No real mailing has id 0.
        var (_, subscriber) = await SetUpAsync(9, "2022-08-15");
        var uuid = Guid.Parse(await ScalarAsync<string>(factory, "SELECT uuid FROM subscribers WHERE id = @subscriber", new { subscriber }));
        var links = new[] { TokenPurpose.Unsubscribe, TokenPurpose.Preferences }
            .Select(purpose => $"/{(purpose == TokenPurpose.Unsubscribe ? "unsubscribe" : "preferences")}/{Signer.Create(new RecipientToken(purpose, uuid, 0))}")
            .Append($"/t/o/{Signer.Create(new RecipientToken(TokenPurpose.Open, uuid, 0))}.gif")
            .ToList();

        await AttackAsync(links);

        await AssertUnchangedAsync(subscriber);
    }

    [Fact]
    public async Task A_test_copy_matches_the_preview_its_language_and_its_reader_and_ties_a_bounce_to_no_one()
    {
        var (id, _) = await SetUpAsync(10, "2022-09-15");
        using var editor = await SignInAsync("editor");
        var preview = $"/admin/content/preview/edition/{id}?lang=it&subscriber={Uri.EscapeDataString(Person)}";
        var before = factory.OutboxMessages().Count;

        // The Italian preview of Zoë's mail, sent as a test copy to the officer's own address.
        using (var sent = await PostAsync(editor, $"/admin/content/preview/edition/{id}?handler=TestSend",
                   ("__csrf", await CsrfAsync(editor, preview)), ("TestEmail", "officer@cecop.example"), ("Lang", "it"), ("Subscriber", Person)))
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var italian = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes((await OutboxAsync(factory, before + 1)).Skip(before).Single())));

        Assert.Equal("[TEST] L'economia sociale sotto i riflettori: le nostre notizie della primavera 2021", italian.Subject);
        Assert.Equal("officer@cecop.example", italian.To.Mailboxes.Single().Address);
        Assert.Equal("Zoë", italian.To.Mailboxes.Single().Name);
        Assert.True(factory.Services.GetRequiredService<BounceAddress>().TryParse(italian.Headers["X-Cecop-Recipient"]!, out var mailing, out var subscriber));
        Assert.Equal((0L, 0L), (mailing, subscriber));

        // Without a language or a reader, the copy is the address's own subscriber's, in their language.
        using (var sent = await PostAsync(editor, $"/admin/content/preview/edition/{id}?handler=TestSend",
                   ("__csrf", await CsrfAsync(editor, preview)), ("TestEmail", Person), ("Lang", ""), ("Subscriber", "")))
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var own = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes((await OutboxAsync(factory, before + 2)).Skip(before + 1).Single())));
        Assert.Equal("[TEST] Social economy in the spotlight: our spring 2021 news", own.Subject);

        // A reader who is no subscriber is said so on the page, and nothing is sent.
        using (var refused = await PostAsync(editor, $"/admin/content/preview/edition/{id}?handler=TestSend",
                   ("__csrf", await CsrfAsync(editor, preview)), ("TestEmail", "officer@cecop.example"), ("Lang", "it"), ("Subscriber", "nobody@example.org")))
            Assert.Contains("nobody@example.org is not a subscriber", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(before + 2, factory.OutboxMessages().Count);
    }

    // Everything a holder of the links could do, each answered by the page that says it comes from a preview.
    private async Task AttackAsync(IEnumerable<string> links)
    {
        using var stranger = factory.CreateClient(new() { AllowAutoRedirect = false });
        var csrf = await CsrfAsync(stranger, "/subscribe");
        foreach (var link in links.Where(l => !l.StartsWith("/admin/", StringComparison.Ordinal)))
        {
            using (var get = await stranger.GetAsync(link))
                if (link.StartsWith("/t/o/", StringComparison.Ordinal)) Assert.Equal("image/gif", get.Content.Headers.ContentType?.MediaType);
                else if (!link.StartsWith("/t/", StringComparison.Ordinal)) await AssertPreviewNoticeAsync(get, link);
            if (link.StartsWith("/unsubscribe/", StringComparison.Ordinal))
            {
                using (var oneClick = await PostAsync(stranger, link, ("List-Unsubscribe", "One-Click"))) await AssertPreviewNoticeAsync(oneClick, link);
                using (var button = await PostAsync(stranger, link, ("__csrf", csrf))) await AssertPreviewNoticeAsync(button, link);
            }
            if (link.StartsWith("/preferences/", StringComparison.Ordinal))
            {
                using (var save = await PostAsync(stranger, link + "?handler=Save", ("__csrf", csrf), ("Name", "Your account is locked"), ("Language", "fr"), ("Lists", "external-newsletter")))
                    await AssertPreviewNoticeAsync(save, link);
                using (var data = await PostAsync(stranger, link + "?handler=Data", ("__csrf", csrf))) await AssertPreviewNoticeAsync(data, link);
                using (var erase = await PostAsync(stranger, link + "?handler=EraseConfirmed", ("__csrf", csrf))) await AssertPreviewNoticeAsync(erase, link);
            }
        }
        await factory.Services.GetRequiredService<TrackingEventWriter>().FlushAsync(CancellationToken.None);
    }

    private static async Task AssertPreviewNoticeAsync(HttpResponseMessage response, string link)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link}: {response.StatusCode}");
        Assert.Contains("link from a preview", body);
        Assert.DoesNotContain(Person, body);
    }

    private async Task AssertUnchangedAsync(long subscriber)
    {
        await using var connection = await factory.Database.OpenAsync();
        var person = await connection.QuerySingleAsync<(string Name, string Language, string Status, string? ErasedAt)>(
            "SELECT name, language, status, erased_at FROM subscribers WHERE id = @subscriber", new { subscriber });
        Assert.Equal(("Zoë", "en", "active", (string?)null), person);
        Assert.Equal("confirmed", await SubscriptionStatusAsync(factory, Person, "external-newsletter"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM events"));
    }

    private async Task<(long Edition, long Subscriber)> SetUpAsync(int number, string date)
    {
        var id = await ArchiveWebFactory.LoadAsync(factory.Services.GetRequiredService<MailingContent>(), "cecop-newsletter-2021-06.yaml", number, date);
        var subscriber = await ScalarAsync<long?>(factory, "SELECT id FROM subscribers WHERE email = @Person", new { Person })
            ?? (await AddSubscriberAsync(factory, Person, ["external-newsletter"], name: "Zoë")).Id;
        return (id, subscriber);
    }

    private async Task<HttpClient> SignInAsync(string role) => (await StaffSession.SignInAsync(factory, role)).Client;
}
