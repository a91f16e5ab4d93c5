using System.Globalization;

namespace CecopComms.Web;

/// <summary>The languages offered on the forms: those CECOP's members work in, each named in itself.</summary>
public static class LanguageChoices
{
    private static readonly string[] Tags = ["en", "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "hr", "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"];

    /// <summary>Tag and native name, English first, then by tag.</summary>
    public static IReadOnlyList<(string Tag, string Name)> All { get; } =
        Tags.Select(t => (t, Localization.LanguageSwitch.Name(t))).ToList();

    /// <summary>The choices, with <paramref name="current"/> added when it is a tag the list does not offer (e.g. pt-BR from an import).</summary>
    public static IReadOnlyList<(string Tag, string Name)> With(string current) =>
        All.Any(l => l.Tag == current) || string.IsNullOrEmpty(current) ? All : [.. All, (current, current)];
}
