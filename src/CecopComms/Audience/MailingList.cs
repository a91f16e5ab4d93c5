namespace CecopComms.Audience;

/// <summary>A list people subscribe to (table lists); named MailingList so it does not shadow List&lt;T&gt;.</summary>
public sealed record MailingList
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    /// <summary>'public' or 'private'.</summary>
    public string Visibility { get; init; } = "private";
    public bool DoubleOptIn { get; init; }
    /// <summary>Only contacts of member organisations may be on it.</summary>
    public bool MembersOnly { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Unconfirmed { get; init; }
    public long Confirmed { get; init; }
    public long Unsubscribed { get; init; }

    /// <summary>The members-only rule: every organisation is a member (full, associated or affiliate), so a members-only list takes contacts of an organisation and nobody else.</summary>
    public bool IsOpenTo(Subscriber subscriber) => !MembersOnly || subscriber.OrganisationId is not null;
}
