using System.Globalization;
using System.Net;
using System.Xml.Linq;
using CecopComms.Web.Archive;

namespace CecopComms.Tests.Web;

/// <summary>The public archive: only sent editions of the public newsletter, their web versions, the Atom feed.</summary>
public sealed class ArchiveTests(ArchiveWebFactory factory) : IClassFixture<ArchiveWebFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task The_index_lists_only_sent_editions_of_the_public_newsletter_newest_first()
    {
        await factory.SeedAsync();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/archive");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"/archive/cecop-newsletter/2021/1\"", html);
        Assert.Contains("href=\"/archive/cecop-newsletter/2021/3\"", html);
        Assert.DoesNotContain("cecop-newsletter/2021/2", html);
        Assert.DoesNotContain("CECOP Link #", html);
        Assert.DoesNotContain("/cecop-link/", html);
        Assert.True(html.IndexOf("2021/3", StringComparison.Ordinal) < html.IndexOf("2021/1\"", StringComparison.Ordinal), "newest first");
        Assert.Contains("15 June 2021", html);
        Assert.Contains("Social economy in the spotlight", html);
    }

    [Fact]
    public async Task An_edition_is_its_web_version_without_personal_links_and_in_its_language_variants()
    {
        await factory.SeedAsync();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/archive/cecop-newsletter/2021/1");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(EditionPage.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("<html lang=\"en\"", html);
        Assert.Contains("Social economy in the spotlight", html);
        Assert.Contains("CECOP Newsletter archive", html);
        // No one's data and no signed link: a neutral reader, and the personal links are taken out.
        Assert.DoesNotContain("/unsubscribe/", html);
        Assert.DoesNotContain("/preferences/", html);
        Assert.DoesNotContain("removed.invalid", html);
        Assert.DoesNotContain("@example", html);
        Assert.DoesNotContain("/t/o/", html);
        Assert.Contains("href=\"https://cecop.coop\"", html);

        using var french = await client.GetAsync("/archive/cecop-newsletter/2021/1?lang=fr");
        var frenchHtml = await french.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\"", frenchHtml);
        Assert.Contains("économie sociale à l", frenchHtml);
        Assert.Equal("fr", french.Content.Headers.ContentLanguage.Single());

        // A language it was not written in gets English, as a subscriber with that language would.
        using var other = await client.GetAsync("/archive/cecop-newsletter/2021/1?lang=xx-made-up");
        Assert.Contains("<html lang=\"en\"", await other.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/archive/cecop-newsletter/2021/2")]   // a draft
    [InlineData("/archive/cecop-link/2021/1")]         // sent, but members-only
    [InlineData("/archive/cecop-newsletter/2030/1")]
    [InlineData("/archive/no-such/2021/1")]
    public async Task Drafts_members_only_and_unknown_editions_are_not_found(string path)
    {
        await factory.SeedAsync();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("CECOP Link #", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_feed_is_Atom_with_the_required_elements_of_RFC_4287()
    {
        await factory.SeedAsync();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/archive/feed.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());

        var feed = document.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        // atom:feed MUST contain exactly one id, title and updated, and an author unless every entry has one (4.1.1).
        Assert.Single(feed.Elements(Atom + "id"));
        Assert.Single(feed.Elements(Atom + "title"));
        Assert.Single(feed.Elements(Atom + "updated"));
        Assert.NotEmpty(feed.Element(Atom + "author")!.Elements(Atom + "name"));
        Assert.Equal("http://localhost/archive/feed.atom", feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        AssertDate(feed.Element(Atom + "updated")!.Value);

        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(["http://localhost/archive/cecop-newsletter/2021/3", "http://localhost/archive/cecop-newsletter/2021/1"], entries.Select(e => e.Element(Atom + "id")!.Value));
        foreach (var entry in entries)
        {
            // atom:entry MUST contain exactly one id, title, updated; without content, an alternate link (4.1.2).
            Assert.Single(entry.Elements(Atom + "id"));
            Assert.Single(entry.Elements(Atom + "title"));
            Assert.Single(entry.Elements(Atom + "updated"));
            AssertDate(entry.Element(Atom + "updated")!.Value);
            var alternate = entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate");
            Assert.True(Uri.IsWellFormedUriString(alternate.Attribute("href")!.Value, UriKind.Absolute));
            Assert.True(Uri.IsWellFormedUriString(entry.Element(Atom + "id")!.Value, UriKind.Absolute));
        }
        // The finished mailing's time is the entry's updated time, and the feed's is the latest of them.
        Assert.Equal("2021-12-15T10:00:00Z", entries[0].Element(Atom + "updated")!.Value);
        Assert.Equal(entries.Max(e => e.Element(Atom + "updated")!.Value), feed.Element(Atom + "updated")!.Value);

        // The entries lead to pages that exist.
        foreach (var entry in entries)
        {
            using var page = await client.GetAsync(new Uri(entry.Element(Atom + "id")!.Value).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

    // RFC 3339 date-time, as Atom's date constructs require (3.3).
    private static void AssertDate(string text) =>
        Assert.True(DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), $"'{text}' is not an RFC 3339 date-time");
}
