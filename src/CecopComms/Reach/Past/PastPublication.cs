namespace CecopComms.Reach.Past;

/// <summary>A publication a past figure may be entered for, with the audience its subscribers are counted on ("list:external-newsletter").</summary>
public sealed record PastPublication(string Slug, string Name, string Audience)
{
    /// <summary>The slug of the list the publication goes to; null when it goes to a segment.</summary>
    public string? List => Audience.StartsWith("list:", StringComparison.Ordinal) ? Audience[5..] : null;
}
