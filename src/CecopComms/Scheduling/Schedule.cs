namespace CecopComms.Scheduling;

/// <summary>What goes out when: a one-off send, a recurring edition, or one planned mailing of a campaign.</summary>
public sealed record Schedule
{
    public long Id { get; init; }
    /// <summary>"once", "recurring" or "campaign".</summary>
    public string Kind { get; init; } = "";
    /// <summary>"edition:12" or "campaign-mailing:4" (once, campaign).</summary>
    public string? Source { get; init; }
    /// <summary>Recurring: the publication whose next draft edition is sent.</summary>
    public string? Publication { get; init; }
    public string? Campaign { get; init; }
    /// <summary>Recurring: a Quartz cron expression, read in <see cref="TimeZone"/>.</summary>
    public string? Cron { get; init; }
    /// <summary>Once and campaign: when, UTC.</summary>
    public DateTimeOffset? RunAt { get; init; }
    public string TimeZone { get; init; } = "";
    /// <summary>The audience chosen for every send of the schedule ("segment:SLUG"), or null for the content's own audience.</summary>
    public string? Audience { get; init; }
    public ScheduleStatus Status { get; init; }
    public DateTimeOffset? LastFiredAt { get; init; }
    public long? LastMailingId { get; init; }
    /// <summary>What the last occurrence did.</summary>
    public string? Note { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
