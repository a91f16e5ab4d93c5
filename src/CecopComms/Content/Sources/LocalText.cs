namespace CecopComms.Content.Sources;

/// <summary>A text with language variants ("en", "it", "fr"...); English is the one every reader can fall back to.</summary>
public sealed class LocalText(IReadOnlyDictionary<string, LocatedText> variants)
{
    public const string Fallback = "en";

    public IReadOnlyDictionary<string, LocatedText> Variants { get; } = variants;

    /// <summary>The variant for <paramref name="language"/>, else English, else null.</summary>
    public LocatedText? Get(string language) =>
        Variants.GetValueOrDefault(language) ?? Variants.GetValueOrDefault(Fallback);

    public string Text(string language) => Get(language)?.Value ?? "";

    public static readonly LocalText Empty = new(new Dictionary<string, LocatedText>());
}
