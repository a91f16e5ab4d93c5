using CecopComms.Content;
using CecopComms.Localization;

namespace CecopComms.Tests.ContentTests;

/// <summary>
/// Each template in each language against files kept in Fixtures/Content/golden. After an intended change run the
/// tests with CECOP_UPDATE_GOLDEN=1 to rewrite the files, and review the diff.
/// </summary>
public sealed class GoldenRenderTests
{
    private static readonly string Folder = Path.Combine(ContentTestBed.Fixtures, "golden");

    // An edition of the test fixtures with a variant in every shipped language.
    private const string EveryLanguage = "cecop-newsletter-2023-11.yaml";

    public static TheoryData<string, string> Editions() => new()
    {
        { "cecop-link-2021-06.yaml", "en" }, { "cecop-link-2021-06.yaml", "fr" }, { "cecop-link-2021-06.yaml", "it" }, { "cecop-link-2021-06.yaml", "es" },
        { "cecop-newsletter-2021-06.yaml", "en" }, { "cecop-newsletter-2021-06.yaml", "fr" }, { "cecop-newsletter-2021-06.yaml", "it" }, { "cecop-newsletter-2021-06.yaml", "es" },
    };

    [Theory]
    [MemberData(nameof(Editions))]
    public async Task Edition_renders_as_its_golden_files(string file, string language)
    {
        using var bed = await ContentTestBed.CreateAsync();
        var mailing = await bed.LoadEditionAsync(file);

        var mail = mailing.Render(ContentTestBed.Reader(language), ContentTestBed.Links);

        Match($"{Path.GetFileNameWithoutExtension(file)}.{language}", mail);
    }

    /// <summary>A reader of each shipped language gets its variant, with the words, tags and dates of that language; a Swedish reader gets English.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("it")]
    [InlineData("es")]
    [InlineData("de")]
    [InlineData("pl")]
    [InlineData("pt")]
    [InlineData("sv")]
    public async Task Edition_in_every_shipped_language_renders_as_its_golden_files(string language) =>
        await Edition_renders_as_its_golden_files(EveryLanguage, language);

    [Fact]
    public async Task A_reader_whose_language_has_no_variant_gets_the_whole_mail_in_English()
    {
        using var bed = await ContentTestBed.CreateAsync();
        var mailing = await bed.LoadEditionAsync(EveryLanguage);

        var swedish = mailing.Render(ContentTestBed.Reader("sv"), ContentTestBed.Links);
        var english = mailing.Render(ContentTestBed.Reader("en"), ContentTestBed.Links);

        Assert.Equal("en", swedish.Language);
        Assert.Equal((english.Subject, english.Html, english.Text), (swedish.Subject, swedish.Html, swedish.Text));
        Assert.Contains("<html lang=\"en\">", swedish.Html);
        Assert.Contains("Dear Ana López,", swedish.Text);
        Assert.Contains("2 November 2023 - Event", swedish.Text);
        Assert.Contains("5 October 2023 - News, Position paper", swedish.Text);
        Assert.DoesNotContain("november 2023", swedish.Text);
        string[] around = ["dear", "reader", "read_more", "unsubscribe", "preferences", "why", "cecop", "site.address", "tag.news", "tag.event", "tag.position_paper"];
        foreach (var language in ReaderWords.Written)
        {
            foreach (var word in around.Where(key => ReaderWords.Get(key, language) != ReaderWords.Get(key, ReaderWords.English)).Select(key => ReaderWords.Get(key, language)))
            {
                Assert.DoesNotContain(word, swedish.Html);
                Assert.DoesNotContain(word, swedish.Text);
            }
            Assert.DoesNotContain(ReaderWords.Date(new DateOnly(2023, 11, 2), language), swedish.Text);
        }
    }

    [Theory]
    [InlineData("01-launch", "en")]
    [InlineData("01-launch", "it")]
    [InlineData("03-conference-invitation", "pl")]
    public async Task Campaign_mailing_renders_as_its_golden_files(string slug, string language)
    {
        using var bed = await ContentTestBed.CreateAsync();
        await bed.Content.LoadCampaignAsync(Path.Combine(ContentTestBed.Repository, "campaigns", "coopskills2023"), CancellationToken.None);
        var plan = await bed.Content.CampaignPlanAsync("coopskills2023", CancellationToken.None);
        var mailing = await bed.Content.CompileAsync(plan.Single(p => p.Title.StartsWith("#CoopSkills2023", StringComparison.Ordinal) && p.Source.Id == SlugIndex(slug)).Source, CancellationToken.None);

        Match($"coopskills2023-{slug}.{language}", mailing.Render(ContentTestBed.Reader(language), ContentTestBed.Links));
    }

    private static long SlugIndex(string slug) => long.Parse(slug[..2], System.Globalization.CultureInfo.InvariantCulture);

    private static void Match(string name, RenderedMail mail)
    {
        var html = Path.Combine(Folder, name + ".html");
        var text = Path.Combine(Folder, name + ".txt");
        var textWithSubject = $"Subject: {mail.Subject}\nLanguage: {mail.Language}\n\n{mail.Text}";
        if (Environment.GetEnvironmentVariable("CECOP_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(html, mail.Html);
            File.WriteAllText(text, textWithSubject);
        }
        Assert.True(File.Exists(html), $"{html} is missing; run the tests with CECOP_UPDATE_GOLDEN=1 to write it.");
        Assert.Equal(File.ReadAllText(html), mail.Html);
        Assert.Equal(File.ReadAllText(text), textWithSubject);
    }
}
