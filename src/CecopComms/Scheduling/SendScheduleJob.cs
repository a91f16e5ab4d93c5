using System.Globalization;
using Quartz;

namespace CecopComms.Scheduling;

/// <summary>The Quartz job of every schedule: the trigger says when, this says what (<see cref="ScheduledSend"/>).</summary>
[DisallowConcurrentExecution]
public sealed class SendScheduleJob(ScheduledSend send) : IJob
{
    /// <summary>The job data key holding the schedule id.</summary>
    public const string ScheduleId = "schedule-id";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var id = Convert.ToInt64(context.MergedJobDataMap[ScheduleId], CultureInfo.InvariantCulture);
        await send.FireAsync(id, ScheduledFireTime(context), cancellationToken);
    }

    /// <summary>
    /// The time the occurrence was scheduled for: a recovered job (its node died mid-job) carries its original
    /// trigger's in the job data, since the recovery trigger's own times are those of the recovery.
    /// </summary>
    public static DateTimeOffset? ScheduledFireTime(IJobExecutionContext context)
    {
        if (context.MergedJobDataMap.TryGetValue(SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime, out var original) && original is not null)
        {
            var text = Convert.ToString(original, CultureInfo.InvariantCulture)!;
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds))
                return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                return time.ToUniversalTime();
        }
        return context.ScheduledFireTimeUtc;
    }
}
