using System.Collections.Concurrent;
using System.Globalization;

namespace CecopComms.Audience;

/// <summary>
/// The one rule for a subscriber's language, used by the CLI, imports, segments and content: a BCP 47 tag the
/// platform knows, in canonical case ("pt-br" → "pt-BR", "en_GB" → "en-GB"), or a language's English or native
/// name ("Italian", "italiano" → "it"), because spreadsheets write it that way.
/// </summary>
public static class Languages
{
    // Files and audiences hold few distinct values, so answers are cached.
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

    /// <summary>"pt-br" gives "pt-BR", "Italian" gives "it"; "xx", "" or "zz-ZZ-nowhere" fail.</summary>
    public static bool TryNormalise(string? input, out string? tag)
    {
        tag = Cache.GetOrAdd((input ?? "").Trim(), Resolve);
        return tag is not null;
    }

    private static string? Resolve(string text)
    {
        if (text.Length == 0) return null;
        if (Names.Value.TryGetValue(text, out var named)) return named;
        var candidate = text.Replace('_', '-');
        if (candidate.Length is < 2 or > 35 || !candidate.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')) return null;
        try
        {
            var culture = CultureInfo.GetCultureInfo(candidate, predefinedOnly: true);
            return culture.Name.Length == 0 ? null : culture.Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
