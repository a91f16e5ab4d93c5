using CecopComms.Hosting;

namespace CecopComms.Scheduling;

/// <summary>A schedule cannot be made as asked (a time in the past, an unknown time zone, a cron that does not parse); the message says why.</summary>
public sealed class ScheduleException(string message) : Exception(message), IUserError;
