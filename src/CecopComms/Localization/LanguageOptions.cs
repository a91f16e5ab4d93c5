namespace CecopComms.Localization;

/// <summary>
/// The languages the public pages and system mails are shipped in. Bound from the "Languages" section; adding one is
/// its ReaderText.LANG.resx and its tag here (docs/languages.md).
/// </summary>
public sealed class LanguageOptions
{
    public const string Section = "Languages";

    /// <summary>The shipped languages, English first; each needs a ReaderText.LANG.resx. Empty: every language that has one.</summary>
    public List<string> Shipped { get; set; } = [];

    /// <summary>The shipped tags, English first whatever the settings say, each once.</summary>
    public IReadOnlyList<string> Tags =>
        [ReaderWords.English, .. (Shipped.Count > 0 ? Shipped : ReaderWords.Written).Select(t => t.Trim())
            .Where(t => t.Length > 0 && !string.Equals(t, ReaderWords.English, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// The shipped language a page or mail is written in for <paramref name="language"/>: the tag itself, else its
    /// primary language ("pt-BR" reads "pt"), else English, so words, dates and numbers always come from one language.
    /// </summary>
    public string Resolve(string? language)
    {
        if (string.IsNullOrWhiteSpace(language)) return ReaderWords.English;
        var tags = Tags;
        var exact = tags.FirstOrDefault(t => string.Equals(t, language.Trim(), StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;
        var primary = language.Trim().Split('-')[0];
        return tags.FirstOrDefault(t => string.Equals(t, primary, StringComparison.OrdinalIgnoreCase)) ?? ReaderWords.English;
    }
}
