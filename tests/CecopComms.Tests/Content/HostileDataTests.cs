using CecopComms.Content;
using CecopComms.Content.Validation;

namespace CecopComms.Tests.ContentTests;

/// <summary>Whatever a subscriber typed into their name or attributes reaches the message as harmless text.</summary>
public sealed class HostileDataTests
{
    private const string Edition = """
        publication: cecop-newsletter
        date: 2023-05-16
        subject: "Hello {{recipient.name}}, news from {{recipient.organisation}}"
        intro: Welcome.
        items:
          - date: 2023-05-16
            title: A title
            tags: [News]
            summary: A summary.
            link: https://cecop.coop/works/a
        """;

    [Fact]
    public async Task Script_quotes_and_line_breaks_in_a_name_are_escaped_and_never_reach_the_subject()
    {
        using var bed = await ContentTestBed.CreateAsync();
        var (edition, _) = await bed.Content.SaveEditionAsync(new SourceText("hostile.yaml", Edition), CancellationToken.None);
        var mailing = await bed.Content.CompileAsync(new MailingSource(MailingSourceKind.Edition, edition.Id), CancellationToken.None);
        var hostile = ContentTestBed.Reader("en", "<script>alert('x')</script>\" onmouseover=\"evil()\r\nBcc: victim@example.org") with
        {
            OrganisationName = "Coop & Co <b>\n",
        };

        var mail = mailing.Render(hostile, ContentTestBed.Links);

        Assert.DoesNotContain("<script>", mail.Html);
        Assert.DoesNotContain("onmouseover=\"evil", mail.Html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; onmouseover=&quot;evil()  Bcc: victim@example.org", mail.Html);
        Assert.DoesNotContain('\r', mail.Subject);
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.StartsWith("Hello <script>alert('x')</script>\" onmouseover=\"evil()  Bcc: victim@example.org, news from Coop & Co <b>", mail.Subject);
        Assert.DoesNotContain("\nBcc:", mail.Text);
    }

    [Fact]
    public async Task Renders_from_many_threads_at_once_equal_renders_from_one()
    {
        using var bed = await ContentTestBed.CreateAsync();
        var mailing = await bed.LoadEditionAsync("cecop-link-2021-06.yaml");
        var languages = new[] { "en", "fr", "it", "es", "pl", "pt-BR" };
        var expected = languages.ToDictionary(l => l, l => mailing.Render(ContentTestBed.Reader(l), ContentTestBed.Links));

        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
            (Language: languages[i % languages.Length], Mail: mailing.Render(ContentTestBed.Reader(languages[i % languages.Length]), ContentTestBed.Links)))));

        Assert.All(results, r => Assert.Equal(expected[r.Language], r.Mail));
        // No Polish variant: the Polish reader gets the English one whole, its dates English too.
        Assert.Equal("en", expected["pl"].Language);
        Assert.Contains("23 June 2021", expected["pl"].Html);
        Assert.DoesNotContain("czerwca", expected["pl"].Html);
    }

    [Fact]
    public async Task Tracking_sends_every_link_through_the_tracker_and_adds_the_pixel()
    {
        using var bed = await ContentTestBed.CreateAsync();
        var mailing = await bed.LoadEditionAsync("cecop-newsletter-2021-06.yaml");
        var tracked = ContentTestBed.Links with { TrackClick = url => "https://cecop.coop/t/" + Uri.EscapeDataString(url), OpenPixelUrl = "https://cecop.coop/o/1.gif" };

        var mail = mailing.Render(ContentTestBed.Reader("it"), tracked);

        Assert.Contains("https://cecop.coop/works/report-of-activity-2020", mailing.Links);
        Assert.DoesNotContain("href=\"https://cecop.coop/works/", mail.Html);
        Assert.Contains("href=\"https://cecop.coop/t/https%3A%2F%2Fcecop.coop%2Fworks%2Freport-of-activity-2020\"", mail.Html);
        Assert.Contains("<img src=\"https://cecop.coop/o/1.gif\" width=\"1\" height=\"1\" alt=\"\"", mail.Html);
        Assert.Contains("https://cecop.coop/u/TOKEN", mail.Html);
        Assert.Contains("9 giugno 2021", mail.Text);
    }
}
