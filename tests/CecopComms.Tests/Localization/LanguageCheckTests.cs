using CecopComms.Localization;

namespace CecopComms.Tests.LocalizationTests;

/// <summary>What <see cref="LanguageCheck"/> finds in a language's words against English's.</summary>
public sealed class LanguageCheckTests
{
    private static readonly Dictionary<string, string> English = new()
    {
        ["read_more"] = "Read more",
        ["mail.hello_name"] = "Hello {0},",
        ["archive.back"] = "Back to the {0} archive",
        ["count"] = "{0:N0} of {1}",
        ["why"] = "You receive this e-mail because you subscribed.",
    };

    [Fact]
    public void A_complete_language_has_nothing_to_report()
    {
        var report = LanguageCheck.Compare("fr", English, new Dictionary<string, string>
        {
            ["read_more"] = "Lire la suite",
            ["mail.hello_name"] = "Bonjour {0},",
            ["archive.back"] = "Retour aux archives de {0}",
            ["count"] = "{0} sur {1:N0}",
            ["why"] = "Vous recevez cet e-mail parce que vous êtes abonné.",
        }, "ReaderText.fr.resx");

        Assert.True(report.Complete);
        Assert.Equal("", report.Problems);
        Assert.Equal(("Français", 5, "3 juin 2021"), (report.Name, report.Words, report.DateSample));
    }

    [Fact]
    public void Missing_extra_empty_words_and_other_placeholders_are_each_reported()
    {
        var report = LanguageCheck.Compare("pl", English, new Dictionary<string, string>
        {
            ["read_more"] = "Czytaj więcej",
            ["mail.hello_name"] = "Dzień dobry,",
            ["count"] = "{0} z {2}",
            ["why"] = " ",
            ["subscribe.old"] = "Stare słowo",
        }, "ReaderText.pl.resx");

        Assert.False(report.Complete);
        Assert.Equal(["archive.back"], report.Missing);
        Assert.Equal(["subscribe.old"], report.Extra);
        Assert.Equal(["count", "mail.hello_name"], report.Placeholders);
        Assert.Equal(["why"], report.Empty);
        Assert.Equal("lacks 1 word, has 1 word English does not, has 2 words whose placeholders differ from English, has 1 word left empty", report.Problems);
    }

    [Fact]
    public void A_language_without_its_file_lacks_every_word_and_writes_dates_in_English()
    {
        var report = LanguageCheck.Run(["sv"]).Single();

        Assert.Null(report.File);
        Assert.Equal(ReaderWords.Keys.Count, report.Missing.Count);
        Assert.Equal("has no ReaderText.sv.resx", report.Problems);
        Assert.Equal("3 June 2021", report.DateSample);
    }

    [Fact]
    public void A_regional_tag_reads_its_primary_language_file()
    {
        var report = LanguageCheck.Run(["pt-BR"]).Single();

        Assert.True(report.Complete, report.Problems);
        Assert.Equal("ReaderText.pt.resx", report.File);
    }

    [Theory]
    [InlineData("Hello {0}, {1:N0} and {2,-5}", new[] { 0, 1, 2 })]
    [InlineData("{{0}} is text, {0} is not", new[] { 0 })]
    [InlineData("{1} before {0}, {0} again", new[] { 0, 1 })]
    [InlineData("No placeholder", new int[0])]
    public void Placeholders_are_the_numbers_in_braces(string value, int[] expected)
    {
        Assert.Equal(expected, LanguageCheck.PlaceholdersOf(value).Order());
    }
}
