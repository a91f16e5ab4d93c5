using System.Text.RegularExpressions;

namespace CecopComms.Audience;

/// <summary>The shape of list and segment slugs: lower-case letters, digits and hyphens, as in URLs.</summary>
public static partial class Slugs
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex Shape();

    /// <summary>Whether <paramref name="slug"/> has the shape of a slug.</summary>
    public static bool IsValid(string slug) => Shape().IsMatch(slug);

    /// <exception cref="AudienceException">The slug has another shape.</exception>
    public static string Check(string slug, string what) =>
        Shape().IsMatch(slug)
            ? slug
            : throw new AudienceException($"'{slug}' cannot be a {what} slug: use lower-case letters, digits and hyphens (at most 63), starting with a letter or digit.");
}
