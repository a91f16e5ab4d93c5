namespace CecopComms.Audience;

/// <summary>A list people subscribe to (table lists); named MailingList so it does not shadow List&lt;T&gt;.</summary>
public sealed record MailingList
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>The description in English, shown where a language has none of its own.</summary>
    public string Description { get; init; } = "";
    /// <summary>The description in other languages, as JSON: {"fr": "…", "it": "…"}.</summary>
    public string Descriptions { get; init; } = "{}";
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

    /// <summary>The description a reader of <paramref name="language"/> sees: theirs, else their primary language's, else English.</summary>
    public string DescriptionIn(string language)
    {
        var written = Translations();
        return written.GetValueOrDefault(language) is { Length: > 0 } own ? own
            : written.GetValueOrDefault(language.Split('-')[0]) is { Length: > 0 } primary ? primary
            : Description;
    }

    /// <summary>The descriptions written in other languages than English, by language tag.</summary>
    public IReadOnlyDictionary<string, string> Translations()
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(string.IsNullOrWhiteSpace(Descriptions) ? "{}" : Descriptions)
                ?? new Dictionary<string, string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return new Dictionary<string, string>();
        }
    }

    /// <summary>The members-only rule: every organisation is a member (full, associated or affiliate), so a members-only list takes contacts of an organisation and nobody else.</summary>
    public bool IsOpenTo(Subscriber subscriber) => !MembersOnly || subscriber.OrganisationId is not null;
}
