using System.Globalization;

namespace CecopComms.Web.Archive;

/// <summary>An edition that was sent, as the archive lists it.</summary>
public sealed record ArchivedEdition
{
    public long Id { get; init; }
    public string PublicationSlug { get; init; } = "";
    public string PublicationName { get; init; } = "";
    public int Year { get; init; }
    public int Number { get; init; }
    /// <summary>yyyy-MM-dd.</summary>
    public string IssueDate { get; init; } = "";
    /// <summary>The English subject.</summary>
    public string Subject { get; init; } = "";
    /// <summary>When its mailing finished (else when the edition last changed state).</summary>
    public DateTimeOffset SentAt { get; init; }

    /// <summary>"CECOP Newsletter #1 - 2023".</summary>
    public string Title => $"{PublicationName} #{Number} - {Year}";

    /// <summary>The page's path under an archive's root: "cecop-newsletter/2023/1".</summary>
    public string RelativePath => string.Create(CultureInfo.InvariantCulture, $"{PublicationSlug}/{Year}/{Number}");
}
