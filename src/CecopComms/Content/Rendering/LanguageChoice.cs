namespace CecopComms.Content.Rendering;

/// <summary>Which written variant a reader gets; its words and dates follow it (Localization.ReaderWords).</summary>
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
}
