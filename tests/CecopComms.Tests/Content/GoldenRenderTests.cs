using CecopComms.Content;

namespace CecopComms.Tests.ContentTests;

/// <summary>
/// Each template in each language against files kept in Fixtures/Content/golden. After an intended change run the
/// tests with CECOP_UPDATE_GOLDEN=1 to rewrite the files, and review the diff.
/// </summary>
public sealed class GoldenRenderTests
{
    private static readonly string Folder = Path.Combine(ContentTestBed.Repository, "tests", "CecopComms.Tests", "Fixtures", "Content", "golden");

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
