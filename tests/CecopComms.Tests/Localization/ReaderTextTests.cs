using System.Globalization;
using System.Text.RegularExpressions;
using CecopComms.Localization;
using CecopComms.Tests.ContentTests;
using Microsoft.Extensions.Configuration;

namespace CecopComms.Tests.LocalizationTests;

/// <summary>
/// The reader's words are complete: every shipped language has each English word with the same placeholders, every
/// word is used by the code, pages or templates, every word they ask for exists, and dates read right in each language.
/// </summary>
public sealed partial class ReaderTextTests
{
    /// <summary>The languages with a ReaderText.LANG.resx, English, and those the repository's appsettings.json ships.</summary>
    public static TheoryData<string> Shipped() => new(ShippedTags());

    private static IReadOnlyList<string> ShippedTags()
    {
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(ContentTestBed.Repository, "appsettings.json")).Build();
        var configured = settings.GetSection(LanguageOptions.Section).Get<LanguageOptions>() ?? new LanguageOptions();
        return configured.Tags.Concat(ReaderWords.Written).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Shipped_language_has_every_English_word_with_its_placeholders_and_no_other(string tag)
    {
        var report = LanguageCheck.Run([tag]).Single();

        Assert.True(report.Complete, $"{tag} {report.Problems} (cecop languages check lists them):\n" + string.Join("\n",
            report.Missing.Select(k => $"  missing: {k} = \"{ReaderWords.Keys[k]}\"")
                .Concat(report.Extra.Select(k => $"  not in English: {k}"))
                .Concat(report.Placeholders.Select(k => $"  placeholders differ: {k} = \"{ReaderWords.Keys[k]}\" / \"{ReaderWords.Get(k, tag)}\""))
                .Concat(report.Empty.Select(k => $"  empty: {k}"))));
    }

    [Fact]
    public void The_seven_languages_are_shipped_at_least()
    {
        Assert.Subset(ShippedTags().ToHashSet(), new HashSet<string> { "en", "fr", "it", "es", "de", "pl", "pt" });
    }

    [Fact]
    public void Every_word_is_used_by_the_code_the_pages_or_the_templates()
    {
        var sources = string.Join("\n", Sources().Select(File.ReadAllText));

        var unused = ReaderWords.Keys.Keys.Where(key => !sources.Contains($"\"{key}\"", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        Assert.True(unused.Count == 0,
            $"No .cs, .cshtml or .sbn file names these words in quotes; use them or delete them from every ReaderText resx: {string.Join(", ", unused)}");
    }

    [Fact]
    public void Every_word_the_code_the_pages_and_the_templates_ask_for_exists_in_English()
    {
        var asked = Sources().SelectMany(path => (path.EndsWith(".sbn", StringComparison.Ordinal) ? TemplateWord() : CodeWord()).Matches(File.ReadAllText(path))
            .Select(m => (Key: m.Groups["key"].Value, File: Path.GetRelativePath(ContentTestBed.Repository, path)))).ToList();

        var unknown = asked.Where(a => !ReaderWords.Has(a.Key)).Select(a => $"{a.File}: \"{a.Key}\"").Distinct().ToList();

        Assert.True(asked.Count > 100, $"Only {asked.Count} words found; has the way pages and templates ask for them changed?");
        Assert.True(unknown.Count == 0, $"These words are not in ReaderText.resx: {string.Join(", ", unknown)}");
    }

    [Theory]
    [InlineData("en", "3 June 2021")]
    [InlineData("fr", "3 juin 2021")]
    [InlineData("it", "3 giugno 2021")]
    [InlineData("es", "3 de junio de 2021")]
    [InlineData("de", "3. Juni 2021")]
    [InlineData("pl", "3 czerwca 2021")]
    [InlineData("pt", "3 de junho de 2021")]
    [InlineData("sv", "3 June 2021")]
    [InlineData("pt-BR", "3 de junho de 2021")]
    public void A_day_is_written_as_the_language_writes_it_and_in_English_without_its_words(string tag, string expected)
    {
        Assert.Equal(expected, ReaderWords.Date(new DateOnly(2021, 6, 3), tag));
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Shipped_language_writes_a_day_with_its_own_month(string tag)
    {
        var culture = CultureInfo.GetCultureInfo(tag);
        var june = new[] { culture.DateTimeFormat.MonthGenitiveNames[5], culture.DateTimeFormat.MonthNames[5] };

        var day = ReaderWords.Date(new DateOnly(2021, 6, 3), tag);

        Assert.Contains("2021", day);
        Assert.Contains(june, month => day.Contains(month, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The repository's C# and Razor under src/ (no build output) and its templates.</summary>
    private static IEnumerable<string> Sources()
    {
        var src = Path.Combine(ContentTestBed.Repository, "src");
        var built = new[] { $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}" };
        return new[] { "*.cs", "*.cshtml" }.SelectMany(pattern => Directory.EnumerateFiles(src, pattern, SearchOption.AllDirectories))
            .Where(path => !built.Any(b => path.Contains(b, StringComparison.Ordinal)))
            .Concat(Directory.EnumerateFiles(Path.Combine(ContentTestBed.Repository, "templates"), "*.sbn", SearchOption.AllDirectories));
    }

    // T["key"], T.Html("key", …), ReaderWords.Get("key", …) and ReaderWords.Format("key", …).
    [GeneratedRegex(@"(?:\bT\[|\bT\.Html\(|\bReaderWords\.(?:Get|Format)\()""(?<key>[^""]+)""")]
    private static partial Regex CodeWord();

    // {{ t "key" }}, also inside parentheses: recipient_name (t "reader").
    [GeneratedRegex(@"\bt\s+""(?<key>[^""]+)""")]
    private static partial Regex TemplateWord();
}
