using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace CecopComms.Audience;

/// <summary>
/// ISO 3166-1 alpha-2 country codes with English short names, derived from the ICU data behind
/// <see cref="RegionInfo"/> rather than typed in, so the table follows the platform's CLDR release. Kosovo (XK, the
/// code the EU uses) is included; withdrawn codes (CS) and the invariant region are not.
/// </summary>
public static class Countries
{
    // Spellings people write that CLDR does not give: the EU's own codes (EL, UK) and common long forms.
    private static readonly (string Alias, string Code)[] Aliases =
    [
        ("EL", "GR"), ("UK", "GB"), ("Great Britain", "GB"), ("Czech Republic", "CZ"), ("The Netherlands", "NL"),
        ("Holland", "NL"), ("Republic of Ireland", "IE"), ("Türkiye", "TR"), ("Republic of Moldova", "MD"),
        ("Macedonia", "MK"), ("Republic of North Macedonia", "MK"), ("Vatican", "VA"), ("Holy See", "VA"),
        ("Russian Federation", "RU"), ("United States of America", "US"), ("USA", "US"), ("Slovak Republic", "SK"),
    ];

    private static readonly Lazy<(FrozenDictionary<string, string> Names, FrozenDictionary<string, string> Lookup)> Table = new(Build);

    /// <summary>Every known code with its English short name, ordered by code.</summary>
    public static IReadOnlyDictionary<string, string> All => Table.Value.Names;

    /// <summary>
    /// Recognises a country written as an alpha-2 or alpha-3 code, its English name, or its name in one of the
    /// country's own languages ("IT", "ita", "Italy", "Italia"); case, accents and punctuation do not matter.
    /// </summary>
    public static bool TryNormalise(string? input, out string? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(input)) return false;
        return Table.Value.Lookup.TryGetValue(Fold(input), out code);
    }

    /// <summary>The English short name of an alpha-2 code ("IT" → "Italy").</summary>
    /// <exception cref="ArgumentException">The code is not a known country.</exception>
    public static string Name(string code) =>
        Table.Value.Names.TryGetValue(code.ToUpperInvariant(), out var name)
            ? name
            : throw new ArgumentException($"'{code}' is not an ISO 3166-1 alpha-2 country code.", nameof(code));

    private static (FrozenDictionary<string, string>, FrozenDictionary<string, string>) Build()
    {
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var regions = new List<RegionInfo>();
        for (var a = 'A'; a <= 'Z'; a++)
        for (var b = 'A'; b <= 'Z'; b++)
        {
            var candidate = string.Concat(a, b);
            if (candidate is "CS" or "IV") continue;
            try { regions.Add(new RegionInfo(candidate)); }
            catch (ArgumentException) { continue; }
            if (regions[^1].TwoLetterISORegionName != candidate) regions.RemoveAt(regions.Count - 1);
            else names[candidate] = regions[^1].EnglishName;
        }
        // Codes and English names first, so no other country's native name can shadow them.
        var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            lookup.TryAdd(Fold(region.TwoLetterISORegionName), region.TwoLetterISORegionName);
            lookup.TryAdd(Fold(region.ThreeLetterISORegionName), region.TwoLetterISORegionName);
            lookup.TryAdd(Fold(region.EnglishName), region.TwoLetterISORegionName);
        }
        foreach (var region in regions) lookup.TryAdd(Fold(region.NativeName), region.TwoLetterISORegionName);
        // The name of a country in each of its languages: Belgium is also België, Belgique and Belgien.
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try { region = new RegionInfo(culture.Name); }
            catch (ArgumentException) { continue; }
            if (names.ContainsKey(region.TwoLetterISORegionName)) lookup.TryAdd(Fold(region.NativeName), region.TwoLetterISORegionName);
        }
        foreach (var (alias, code) in Aliases) lookup.TryAdd(Fold(alias), code);
        return (names.ToFrozenDictionary(StringComparer.Ordinal), lookup.ToFrozenDictionary(StringComparer.Ordinal));
    }

    // Lower case, no accents, '&' read as "and", everything but letters and digits dropped: "Bosnia and Herzegovina"
    // meets CLDR's "Bosnia & Herzegovina", "Cote d'Ivoire" meets "Côte d’Ivoire".
    private static string Fold(string text)
    {
        var decomposed = text.Trim().Replace("&", " and ", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }
}
