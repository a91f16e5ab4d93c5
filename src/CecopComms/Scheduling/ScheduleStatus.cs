namespace CecopComms.Scheduling;

/// <summary>Where a schedule stands; stored lower-case.</summary>
public enum ScheduleStatus
{
    /// <summary>Waiting for its time (a recurring schedule stays active).</summary>
    Active,
    /// <summary>A one-off that went out.</summary>
    Done,
    /// <summary>A one-off whose time passed while the engine was down, longer ago than the grace period.</summary>
    Missed,
    /// <summary>A one-off refused when it fired (its chosen segment now reaches people the content may not go to): nothing was sent.</summary>
    Failed,
    Cancelled,
}
