using CecopComms.Scheduling;

namespace CecopComms.Web.Admin;

/// <summary>A schedule's next occurrence: when (UTC) and how people in its time zone read it.</summary>
public sealed record UpcomingSend(Schedule Schedule, DateTimeOffset At, string Local)
{
    /// <summary>What goes out: "edition:12", or the publication of a recurring schedule.</summary>
    public string What => Schedule.Source ?? $"next draft edition of {Schedule.Publication}";
}
