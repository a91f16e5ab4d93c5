using System.Globalization;
using System.Text.RegularExpressions;

namespace CecopComms.Localization;

/// <summary>
/// What one shipped language's words lack against English: keys it does not have, keys English does not have,
/// values whose {0}, {1}… differ from English's, and empty values. <c>cecop languages check</c> prints it and the
/// tests fail on it.
/// </summary>
/// <param name="Tag">The shipped tag, as configured.</param>
/// <remarks>Every list of keys is in ordinal order.</remarks>
/// <param name="Name">The language's name in itself: "Français".</param>
/// <param name="File">The resource file its words come from ("ReaderText.fr.resx"); null when there is none.</param>
/// <param name="Words">How many words that file holds.</param>
/// <param name="Missing">Keys English has and the language lacks.</param>
/// <param name="Extra">Keys the language has and English does not.</param>
/// <param name="Placeholders">Keys whose value has other {0}, {1}… than the English one.</param>
/// <param name="Empty">Keys whose value is empty or white space.</param>
/// <param name="DateSample">3 June 2021 written out in the language.</param>
public sealed record LanguageReport(
    string Tag, string Name, string? File, int Words,
    IReadOnlyList<string> Missing, IReadOnlyList<string> Extra, IReadOnlyList<string> Placeholders, IReadOnlyList<string> Empty,
    string DateSample)
{
    /// <summary>Whether the language has every word, each filled in with the same placeholders as English.</summary>
    public bool Complete => Missing.Count + Extra.Count + Placeholders.Count + Empty.Count == 0;

    /// <summary>What is wrong, as one clause: "lacks 3 words, has 1 English does not"; empty when complete.</summary>
    public string Problems => string.Join(", ", new[]
    {
        File is null ? $"has no ReaderText.{Tag}.resx" : null,
        File is not null && Missing.Count > 0 ? $"lacks {Count(Missing.Count)}" : null,
        Extra.Count > 0 ? $"has {Count(Extra.Count)} English does not" : null,
        Placeholders.Count > 0 ? $"has {Count(Placeholders.Count)} whose placeholders differ from English" : null,
        Empty.Count > 0 ? $"has {Count(Empty.Count)} left empty" : null,
    }.OfType<string>());

    private static string Count(int n) => n == 1 ? "1 word" : $"{n} words";
}

/// <summary>Compares the words of each shipped language with English's.</summary>
public static partial class LanguageCheck
{
    /// <summary>The day every report writes out, to show the language's date pattern.</summary>
    public static readonly DateOnly SampleDay = new(2021, 6, 3);

    /// <summary>A report for each tag, in the order given (English first when it comes from <see cref="LanguageOptions.Tags"/>).</summary>
    public static IReadOnlyList<LanguageReport> Run(IEnumerable<string> tags) => tags.Select(tag =>
    {
        var (words, file) = Own(tag);
        return Compare(tag, ReaderWords.Keys, words, file);
    }).ToList();

    /// <summary>Compares <paramref name="words"/> (null: the language has no file) with <paramref name="english"/>.</summary>
    public static LanguageReport Compare(string tag, IReadOnlyDictionary<string, string> english, IReadOnlyDictionary<string, string>? words, string? file)
    {
        var own = words ?? new Dictionary<string, string>();
        var shared = english.Keys.Where(own.ContainsKey).Order(StringComparer.Ordinal).ToList();
        return new LanguageReport(
            tag, Name(tag), file, own.Count,
            english.Keys.Where(k => !own.ContainsKey(k)).Order(StringComparer.Ordinal).ToList(),
            own.Keys.Where(k => !english.ContainsKey(k)).Order(StringComparer.Ordinal).ToList(),
            shared.Where(k => !PlaceholdersOf(english[k]).SetEquals(PlaceholdersOf(own[k]))).ToList(),
            shared.Where(k => string.IsNullOrWhiteSpace(own[k])).ToList(),
            ReaderWords.Date(SampleDay, tag));
    }

    /// <summary>The numbers of the {0}, {1:N0}, {2,-5}… in a value; doubled braces are text.</summary>
    public static ISet<int> PlaceholdersOf(string value) =>
        Placeholder().Matches(value.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal))
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^{}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>The words of the language's own file, else of its primary language's ("pt" for "pt-BR"), as a reader of it gets them.</summary>
    public static (IReadOnlyDictionary<string, string>? Words, string? File) Own(string tag)
    {
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(tag.Trim());
        }
        catch (CultureNotFoundException)
        {
            return (null, null);
        }
        foreach (var candidate in culture.IsNeutralCulture ? [culture] : new[] { culture, culture.Parent })
            if (ReaderWords.Words(candidate.Name) is { } words)
                return (words, candidate.Name == ReaderWords.English ? "ReaderText.resx" : $"ReaderText.{candidate.Name}.resx");
        return (null, null);
    }

    private static string Name(string tag)
    {
        try
        {
            return LanguageSwitch.Name(tag.Trim());
        }
        catch (CultureNotFoundException)
        {
            return "(not a language tag)";
        }
    }
}
