namespace CecopComms.Scheduling;

/// <summary>Named queries of Storage/Sql/{dialect}/schedules.sql.</summary>
public sealed class ScheduleQueries
{
    public string InsertSchedule { get; set; } = "";
    public string GetSchedule { get; set; } = "";
    public string ListSchedules { get; set; } = "";
    public string RecordOccurrence { get; set; } = "";
    public string CancelSchedule { get; set; } = "";
    public string ClaimOccurrence { get; set; } = "";
    public string GetOccurrence { get; set; } = "";
}
