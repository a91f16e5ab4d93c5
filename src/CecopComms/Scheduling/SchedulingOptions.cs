using System.ComponentModel.DataAnnotations;

namespace CecopComms.Scheduling;

/// <summary>How schedules are read and kept. Bound from the "Scheduling" section.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>The IANA time zone of times and cron expressions given without one.</summary>
    [Required(ErrorMessage = "Scheduling:TimeZone must name an IANA time zone such as Europe/Brussels.")]
    public string TimeZone { get; set; } = "Europe/Brussels";

    /// <summary>The zone <see cref="TimeZone"/> names; the setting is checked when the application starts, so it is always found.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>A send missed while the engine was down still goes out on start if it is at most this late; else it is marked missed.</summary>
    [Range(0, 24 * 30, ErrorMessage = "Scheduling:MisfireGraceHours must be between 0 and 720.")]
    public double MisfireGraceHours { get; set; } = 6;
}
