using System.Net;
using System.Xml.Linq;
using Dapper;

namespace CecopComms.Tests.Web;

/// <summary>
/// An edition stored before loading refused control characters (a subject holding U+0001) once made
/// /archive/feed.atom answer 500 for good; the feed now leaves such characters out. Its own factory: it changes the archive.
/// </summary>
public sealed class ArchiveFeedCharactersTests(ArchiveWebFactory factory) : IClassFixture<ArchiveWebFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task A_stored_subject_with_characters_XML_cannot_carry_leaves_the_feed_readable()
    {
        await factory.SeedAsync();
        await using (var connection = await factory.Database.OpenAsync())
            await connection.ExecuteAsync("UPDATE editions SET subject = @Subject WHERE id = @Id",
                new { Subject = "Spring\u0001 news\u001b from \uFFFFCECOP and \U0001F600", Id = factory.NewsletterSent });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/archive/feed.atom");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var titles = feed.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value).ToList();
        Assert.Contains("CECOP Newsletter #1 - 2021: Spring news from CECOP and \U0001F600", titles);
    }
}
