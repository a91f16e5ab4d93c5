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
        var id = Convert.ToInt64(context.MergedJobDataMap[ScheduleId], System.Globalization.CultureInfo.InvariantCulture);
        await send.FireAsync(id, cancellationToken);
    }
}
