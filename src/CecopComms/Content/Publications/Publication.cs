namespace CecopComms.Content.Publications;

/// <summary>A newsletter CECOP publishes in numbered editions (table publications).</summary>
public sealed record Publication
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>list:SLUG or segment:SLUG.</summary>
    public string Audience { get; init; } = "";
    /// <summary>templates/{Template}.html.sbn.</summary>
    public string Template { get; init; } = "";
    public string FromName { get; init; } = "";
    public string FromAddress { get; init; } = "";
    public string? ReplyTo { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public SenderIdentity Sender => new(FromName, FromAddress, ReplyTo);

    /// <summary>"CECOP Link #9 - 2023"; number 0 is an edition not numbered yet.</summary>
    public string EditionTitle(int number, int year) => number > 0 ? $"{Name} #{number} - {year}" : $"{Name}, a new edition of {year}";
}
