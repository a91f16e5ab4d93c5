using System.Collections;
using System.Globalization;
using System.Resources;

namespace CecopComms.Localization;

/// <summary>
/// The reader's words by key and language, for mails and templates, which are made outside any request. A language
/// without a word of its own falls back to English, like the pages' localizer (both read the same resources).
/// </summary>
public static class ReaderWords
{
    /// <summary>The language every word exists in, and that a reader without a shipped language gets.</summary>
    public const string English = "en";

    private static readonly ResourceManager Resources = new(typeof(ReaderText).FullName!, typeof(ReaderText).Assembly);

    private static readonly Lazy<IReadOnlyDictionary<string, string>> EnglishWords = new(() => Words(English)!);

    /// <summary>Every key, with its English text.</summary>
    public static IReadOnlyDictionary<string, string> Keys => EnglishWords.Value;

    public static bool Has(string key) => EnglishWords.Value.ContainsKey(key);

    /// <summary>
    /// The languages words were written for besides English, found as the resource assemblies beside the program
    /// (fr/cecop.resources.dll for ReaderText.fr.resx), by tag.
    /// </summary>
    public static IReadOnlyList<string> Written => WrittenLanguages.Value;

    private static readonly Lazy<IReadOnlyList<string>> WrittenLanguages = new(() =>
    {
        var assembly = typeof(ReaderText).Assembly;
        var folder = Path.GetDirectoryName(assembly.Location) is { Length: > 0 } location ? location : AppContext.BaseDirectory;
        var satellite = assembly.GetName().Name + ".resources.dll";
        return Directory.EnumerateDirectories(folder)
            .Where(d => File.Exists(Path.Combine(d, satellite)))
            .Select(Path.GetFileName)
            .Where(tag => tag is not null && CultureInfo.GetCultures(CultureTypes.AllCultures).Any(c => c.Name == tag) && Words(tag) is not null)
            .Select(tag => tag!)
            .Order(StringComparer.Ordinal)
            .ToList();
    });

    /// <summary>The word in <paramref name="language"/> ("pt-BR" reads "pt"), else in English; the key itself when it does not exist.</summary>
    public static string Get(string key, string language) =>
        Resources.GetString(key, Culture(language)) ?? key;

    /// <summary>The word with its {0}, {1}… filled in, numbers and dates written the language's way.</summary>
    public static string Format(string key, string language, params object?[] arguments)
    {
        var culture = Culture(language);
        return string.Format(culture, Resources.GetString(key, culture) ?? key, arguments);
    }

    /// <summary>
    /// A day written out in <paramref name="language"/>: "3 June 2021", "3 czerwca 2021", "3 de junio de 2021"; in
    /// English, month included, when the language has no words ("sv" gives "3 June 2021", not "3 juni 2021").
    /// </summary>
    public static string Date(DateOnly day, string language)
    {
        var written = WordsLanguage(language);
        return day.ToString(Get("date_format", written), Culture(written));
    }

    /// <summary><paramref name="language"/> when it has words, else English: the language of a text's words and dates together.</summary>
    public static string WordsLanguage(string language) => HasWordsFor(language) ? language : English;

    /// <summary>A day given as yyyy-MM-dd written out in <paramref name="language"/>; other text is returned as it is.</summary>
    public static string Date(string isoDay, string language) =>
        DateOnly.TryParseExact(isoDay, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? Date(day, language) : isoDay;

    /// <summary>The culture of <paramref name="language"/>, English when the tag is unknown.</summary>
    public static CultureInfo Culture(string language)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(string.IsNullOrWhiteSpace(language) ? English : language.Trim(), predefinedOnly: true);
            return culture.Equals(CultureInfo.InvariantCulture) ? CultureInfo.GetCultureInfo(English) : culture;
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.GetCultureInfo(English);
        }
    }

    /// <summary>Whether words were written for <paramref name="language"/> itself or its primary language ("pt" for "pt-BR").</summary>
    public static bool HasWordsFor(string language)
    {
        var culture = Culture(language);
        if (culture.TwoLetterISOLanguageName == English) return true;
        return Words(culture.Name) is not null || !culture.IsNeutralCulture && Words(culture.Parent.Name) is not null;
    }

    /// <summary>The words written for exactly <paramref name="language"/>, without falling back; null when it has no resource file.</summary>
    public static IReadOnlyDictionary<string, string>? Words(string language)
    {
        var culture = language == English ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language);
        ResourceSet? set;
        try
        {
            // The manager keeps a parent's words under a child culture once a lookup fell back to them (pt for pt-BR),
            // so only a resource assembly of the culture's own says it has words of its own.
            if (language != English) typeof(ReaderText).Assembly.GetSatelliteAssembly(culture);
            set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        }
        catch (Exception e) when (e is MissingManifestResourceException or FileNotFoundException)
        {
            return null;
        }
        if (set is null) return null;
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in set) words[(string)entry.Key] = entry.Value as string ?? "";
        return words;
    }
}
