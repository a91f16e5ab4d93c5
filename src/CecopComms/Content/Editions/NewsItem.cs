using CecopComms.Content.Sources;

namespace CecopComms.Content.Editions;

/// <summary>One news item of an edition: date, title, tags, a short Markdown summary, a "Read more" link, an optional image.</summary>
public sealed record NewsItem(
    DateOnly Date,
    LocalText Title,
    IReadOnlyList<string> Tags,
    LocalText Summary,
    LocatedText Link,
    LocatedText? Image,
    LocalText ImageAlt);
