using System.Net;
using System.Text.RegularExpressions;
using CecopComms.Delivery;
using CecopComms.Delivery.Tracking;
using CecopComms.Web.Tracking;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Tests.Web;

/// <summary>
/// Tracking on: the composed message carries the pixel and numbered click redirects; opens and clicks are recorded
/// per mailing; forged tokens and altered numbers get 400 and record nothing; no URL outside the mailing is reachable.
/// </summary>
public sealed partial class TrackingTests(TrackingWebFactory factory) : IClassFixture<TrackingWebFactory>
{
    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };
    private readonly TokenSigner _signer = new(Convert.FromBase64String(CecopWebFactory.TokenSecret));

    [GeneratedRegex(@"src=""http://localhost/t/o/([A-Za-z0-9_-]+)\.gif""")]
    private static partial Regex PixelSource();

    [GeneratedRegex(@"href=""http://localhost/t/c/([A-Za-z0-9_-]+)/(\d+)""")]
    private static partial Regex ClickHref();

    [Fact]
    public async Task The_message_carries_the_pixel_and_click_redirects_and_opens_and_clicks_are_recorded()
    {
        await factory.SeedAsync();
        var (mailing, compiled, message) = await TrackingMailings.StartAndComposeAsync(factory, factory.NewsletterDraft, ArchiveWebFactory.Public);
        var html = message.HtmlBody!;

        var pixel = PixelSource().Match(html);
        Assert.True(pixel.Success, "no open pixel in:\n" + html);
        var clicks = ClickHref().Matches(html);
        Assert.NotEmpty(clicks);
        // Every link of the mailing goes through the redirect: none is left as it was written.
        Assert.DoesNotMatch(@"href=""https://", html);
        Assert.Contains("http://localhost/t/c/", message.TextBody!);
        var stored = await factory.Services.GetRequiredService<MailingLinkStore>().LinksAsync(mailing.Id, CancellationToken.None);
        Assert.Equal(compiled.Links.Order(StringComparer.Ordinal), stored);

        using var client = factory.CreateClient(NoRedirects);
        using (var open = await client.GetAsync($"/t/o/{pixel.Groups[1].Value}.gif"))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            Assert.Equal("image/gif", open.Content.Headers.ContentType?.MediaType);
            Assert.Equal(43, (await open.Content.ReadAsByteArrayAsync()).Length);
            Assert.True(open.Headers.CacheControl!.NoStore);
        }
        var click = clicks[0];
        var n = int.Parse(click.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        using (var redirect = await client.GetAsync($"/t/c/{click.Groups[1].Value}/{n}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            Assert.Equal(stored[n], redirect.Headers.Location!.OriginalString);
            Assert.True(redirect.Headers.CacheControl!.NoStore);
        }

        var events = await EventsAsync(mailing.Id);
        Assert.Equal(2, events.Count);
        var subscriber = await SubscriberIdAsync(ArchiveWebFactory.Public);
        Assert.Contains(events, e => e.Kind == "open" && e.SubscriberId == subscriber && e.Url is null);
        Assert.Contains(events, e => e.Kind == "click" && e.SubscriberId == subscriber && e.Url == stored[n]);
    }

    [Fact]
    public async Task Forged_tokens_and_altered_numbers_get_400_and_record_nothing()
    {
        await factory.SeedAsync();
        var (mailing, _, message) = await TrackingMailings.StartAndComposeAsync(factory, factory.NewsletterSent, ArchiveWebFactory.Member);
        var html = message.HtmlBody!;
        var open = PixelSource().Match(html).Groups[1].Value;
        var click = ClickHref().Match(html).Groups[1].Value;
        var links = await factory.Services.GetRequiredService<MailingLinkStore>().LinksAsync(mailing.Id, CancellationToken.None);
        var uuid = Guid.Parse(await SubscriberUuidAsync(ArchiveWebFactory.Member));
        var otherKey = new TokenSigner(new byte[32]);

        using var client = factory.CreateClient(NoRedirects);
        var refused = new[]
        {
            $"/t/o/{Alter(open)}.gif",
            $"/t/o/{click}.gif",                                                                          // a click token is not an open token
            $"/t/o/{otherKey.Create(new RecipientToken(TokenPurpose.Open, uuid, mailing.Id))}.gif",       // signed with another key
            $"/t/o/{_signer.Create(new RecipientToken(TokenPurpose.Unsubscribe, uuid, mailing.Id))}.gif",
            "/t/o/not-a-token.gif",
            $"/t/c/{Alter(click)}/0",
            $"/t/c/{open}/0",
            $"/t/c/{click}/{links.Count}",                                                                 // one past the last link
            $"/t/c/{click}/999999999",
            $"/t/c/{click}/-1",
            $"/t/c/{click}/+0",
            $"/t/c/{click}/0x0",
            $"/t/c/{click}/%200",
            $"/t/c/{click}/99999999999999999999",
            $"/t/c/{_signer.Create(new RecipientToken(TokenPurpose.Click, uuid, 987654))}/0",             // a mailing with no links
            $"/t/c/{_signer.Create(new RecipientToken(TokenPurpose.Click, uuid, 0))}/0",                  // a test copy's
        };
        foreach (var path in refused)
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {response.StatusCode}");
            Assert.Null(response.Headers.Location);
        }
        Assert.Empty(await EventsAsync(mailing.Id));

        // A test copy's pixel (mailing 0) is served and records nothing.
        using (var test = await client.GetAsync($"/t/o/{_signer.Create(new RecipientToken(TokenPurpose.Open, uuid, 0))}.gif"))
            Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        Assert.Empty(await EventsAsync(0));
        Assert.Empty(await EventsAsync(mailing.Id));
    }

    [Fact]
    public async Task No_number_and_no_token_leads_outside_the_links_of_the_tokens_own_mailing()
    {
        await factory.SeedAsync();
        var (mailing, compiled, message) = await TrackingMailings.StartAndComposeAsync(factory, factory.LinkSent, ArchiveWebFactory.Member);
        var click = ClickHref().Match(message.HtmlBody!).Groups[1].Value;
        // Another mailing whose only link is elsewhere: its token reaches it, this mailing's token never does.
        var other = await OtherMailingAsync("https://elsewhere.example/only-here");
        var uuid = Guid.Parse(await SubscriberUuidAsync(ArchiveWebFactory.Member));
        var otherClick = _signer.Create(new RecipientToken(TokenPurpose.Click, uuid, other));

        using var client = factory.CreateClient(NoRedirects);
        var targets = new List<string>();
        for (var n = 0; n < compiled.Links.Count + 3; n++)
        {
            using var response = await client.GetAsync($"/t/c/{click}/{n}");
            if (n < compiled.Links.Count)
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                targets.Add(response.Headers.Location!.OriginalString);
            }
            else Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.Equal(compiled.Links.Order(StringComparer.Ordinal), targets);
        Assert.DoesNotContain("https://elsewhere.example/only-here", targets);
        using (var elsewhere = await client.GetAsync($"/t/c/{otherClick}/0"))
            Assert.Equal("https://elsewhere.example/only-here", elsewhere.Headers.Location!.OriginalString);
        Assert.Equal(compiled.Links.Count, (await EventsAsync(mailing.Id)).Count);
    }

    [Fact]
    public void The_pixel_is_a_43_byte_transparent_gif()
    {
        Assert.Equal(43, TrackingEndpoints.Pixel.Length);
        Assert.Equal("GIF89a"u8.ToArray(), TrackingEndpoints.Pixel[..6]);
    }

    private async Task<long> OtherMailingAsync(string url)
    {
        long id;
        await using (var connection = await factory.Database.OpenAsync())
            id = await connection.ExecuteScalarAsync<long>("INSERT INTO mailings (source_kind, source_id, title, audience, status, created_at, updated_at) " +
                "VALUES ('campaign-mailing', 999, 'Elsewhere', 'list:external-newsletter', 'finished', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z') RETURNING id");
        await factory.Services.GetRequiredService<MailingLinkStore>().SaveAsync(id, [url], CancellationToken.None);
        return id;
    }

    private static string Alter(string token) => (token[10] == 'A' ? token[..10] + "B" : token[..10] + "A") + token[11..];

    private async Task<List<(string Kind, long? SubscriberId, string? Url)>> EventsAsync(long mailingId)
    {
        await factory.Services.GetRequiredService<TrackingEventWriter>().FlushAsync(CancellationToken.None);
        await using var connection = await factory.Database.OpenAsync();
        return (await connection.QueryAsync<(string, long?, string?)>("SELECT kind, subscriber_id, url FROM events WHERE mailing_id = @mailingId ORDER BY id", new { mailingId })).ToList();
    }

    private async Task<long> SubscriberIdAsync(string email)
    {
        await using var connection = await factory.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM subscribers WHERE email = @email", new { email });
    }

    private async Task<string> SubscriberUuidAsync(string email)
    {
        await using var connection = await factory.Database.OpenAsync();
        return (await connection.ExecuteScalarAsync<string>("SELECT uuid FROM subscribers WHERE email = @email", new { email }))!;
    }
}
