namespace CecopComms.Content.Editions;

/// <summary>A numbered edition of a publication (table editions); its content is the YAML it was loaded from.</summary>
public sealed record Edition
{
    public long Id { get; init; }
    public long PublicationId { get; init; }
    public string PublicationSlug { get; init; } = "";
    public string PublicationName { get; init; } = "";
    public int Year { get; init; }
    public int Number { get; init; }
    /// <summary>yyyy-MM-dd.</summary>
    public string IssueDate { get; init; } = "";
    /// <summary>The English subject.</summary>
    public string Subject { get; init; } = "";
    public string SourceName { get; init; } = "";
    public string Source { get; init; } = "";
    public ContentState State { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>"CECOP Link #9 - 2023".</summary>
    public string Title => $"{PublicationName} #{Number} - {Year}";
}
