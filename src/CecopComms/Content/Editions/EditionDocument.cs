using CecopComms.Content.Sources;
using CecopComms.Content.Validation;

namespace CecopComms.Content.Editions;

/// <summary>An edition as its author wrote it (a YAML file with Markdown fields), every value with its place.</summary>
public sealed record EditionDocument(
    SourceText Source,
    LocatedText Publication,
    int? Number,
    DateOnly Date,
    IReadOnlyList<string> Languages,
    LocalText Subject,
    LocalText Preheader,
    LocalText Intro,
    IReadOnlyList<NewsItem> Items);
