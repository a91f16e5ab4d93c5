namespace CecopComms.Web.Archive;

/// <summary>An edition's web version in one language.</summary>
/// <param name="Html">The whole HTML document, as the e-mail shows it, with the archive's navigation bar on top.</param>
/// <param name="Language">The language variant shown.</param>
/// <param name="Languages">Every language the edition was written in (English first).</param>
public sealed record WebEdition(string Html, string Language, IReadOnlyList<string> Languages);
