namespace CecopComms.Web.Admin;

/// <summary>One line of the activity log (table activity): who did what, to what, and when.</summary>
public sealed record ActivityEntry
{
    public long Id { get; init; }
    /// <summary>When, in UTC.</summary>
    public DateTimeOffset At { get; init; }
    /// <summary>The staff member's e-mail address.</summary>
    public string Actor { get; init; } = "";
    /// <summary>One of <see cref="ActivityLog.Actions"/>.</summary>
    public string Action { get; init; } = "";
    /// <summary>What it was done to: a title, a list's slug, an account; "a subscriber (id N)" for an erasure, never an address.</summary>
    public string Subject { get; init; } = "";
    /// <summary>A short sentence with the counts.</summary>
    public string Detail { get; init; } = "";
}
