using System.Globalization;

namespace CecopComms.Content.Rendering;

/// <summary>Which written variant a reader gets, and the culture their dates are written in.</summary>
public static class LanguageChoice
{
    /// <summary>The reader's tag if written, else its primary language ("pt-BR" gets "pt"), else English.</summary>
    public static string Variant(IReadOnlyList<string> written, string reader)
    {
        var exact = written.FirstOrDefault(l => string.Equals(l, reader, StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;
        var primary = reader.Split('-')[0];
        return written.FirstOrDefault(l => string.Equals(l, primary, StringComparison.OrdinalIgnoreCase)) ?? Sources.LocalText.Fallback;
    }

    /// <summary>The reader's culture ("16 maggio 2023"), English when the tag is unknown.</summary>
    public static CultureInfo Culture(string reader)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(reader, predefinedOnly: true);
            return culture.Equals(CultureInfo.InvariantCulture) ? CultureInfo.GetCultureInfo("en") : culture;
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.GetCultureInfo("en");
        }
    }
}
