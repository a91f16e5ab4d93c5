using System.Collections.Concurrent;
using System.Globalization;

namespace CecopComms.Audience.Import;

/// <summary>
/// Reads a subscriber's language as a BCP 47 tag known to the platform ("it", "pt-BR", "en_GB" → "en-GB"), or as an
/// English or native language name ("Italian", "italiano" → "it"). A file holds few distinct values, so answers are cached.
/// </summary>
internal static class LanguageCode
{
    private static readonly ConcurrentDictionary<string, string?> Cache = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lazy<Dictionary<string, string>> Names = new(() =>
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.NeutralCultures))
        {
            if (culture.Name.Length == 0) continue;
            names.TryAdd(culture.EnglishName, culture.Name);
            names.TryAdd(culture.NativeName, culture.Name);
        }
        return names;
    });

    public static bool TryNormalise(string input, out string? code)
    {
        code = Cache.GetOrAdd(input.Trim(), Resolve);
        return code is not null;
    }

    private static string? Resolve(string text)
    {
        if (Names.Value.TryGetValue(text, out var named)) return named;
        var tag = text.Replace('_', '-');
        if (tag.Length is < 2 or > 35 || !tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) return null;
        try
        {
            var culture = CultureInfo.GetCultureInfo(tag, predefinedOnly: true);
            return culture.Name.Length == 0 ? null : culture.Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
