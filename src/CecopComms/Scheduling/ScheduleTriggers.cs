using CecopComms.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace CecopComms.Scheduling;

/// <summary>
/// Quartz with its persistent store on the application's database (tables QRTZ_*, made by migration 0031 on SQLite and
/// by Quartz's own script on PostgreSQL, where the store is clustered across the nodes). Each
/// schedule is one job (what: <see cref="SendScheduleJob"/> with the schedule id) and one trigger (when): a one-off or
/// campaign time as a simple trigger with misfire policy FireNow, a recurring one as a cron trigger in its time zone with
/// FireAndProceed. Either way a late firing reaches <see cref="ScheduledSend"/>, which applies the grace period.
/// </summary>
public sealed class ScheduleTriggers(Database database, TimeProvider time, IServiceProvider services)
{
    public const string Group = "schedules";

    /// <summary>A scheduler over the store; not started (adding triggers needs no running scheduler). Its jobs get <see cref="ScheduledSend"/> from the application.</summary>
    public Task<IScheduler> CreateSchedulerAsync(CancellationToken cancellationToken) =>
        QuartzSchedulerBuilder.Create(q =>
        {
            q.UseTimeProvider(time);
            q.UseDefaultThreadPool(2);
            q.UsePersistentStore(store =>
            {
                if (database.IsPostgres)
                {
                    // Several nodes share the store: each trigger fires on exactly one of them, and a node that dies
                    // mid-job has its recoverable work taken over once its check-ins stop. Clustering gives each node a
                    // generated instance id of its own.
                    store.UsePostgres(database.PostgresConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(7.5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
                }
                else store.UseSqlite($"Data Source={database.FilePath};Pooling=true;Default Timeout=30");
                store.UseSystemTextJsonSerializer();
            });
            q.Services.AddSingleton(_ => services.GetRequiredService<ScheduledSend>());
            q.Services.AddTransient<SendScheduleJob>();
        }).BuildScheduler(cancellationToken).AsTask();

    /// <summary>Adds (or replaces) the schedule's job and trigger.</summary>
    public async Task AddAsync(IScheduler scheduler, Schedule schedule, CancellationToken cancellationToken)
    {
        var job = JobBuilder.Create<SendScheduleJob>()
            .WithIdentity(Key(schedule.Id), Group)
            .UsingJobData(SendScheduleJob.ScheduleId, schedule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            // A job whose node died mid-job runs again (on restart, or on another node of the cluster): the
            // occurrence's idempotency key makes the second run start nothing if the first started the mailing.
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create(time).WithIdentity(Key(schedule.Id), Group).ForJob(job);
        trigger = schedule.Kind == "recurring"
            ? trigger.StartAt(time.GetUtcNow()).WithSchedule(CronScheduleBuilder.Create(schedule.Cron!)
                .InTimeZone(ScheduledSend.Zone(schedule.TimeZone)).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            : trigger.StartAt(schedule.RunAt!.Value).WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow));
        await scheduler.ScheduleJob(job, trigger.Build(), new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    /// <summary>Removes the schedule's job and trigger.</summary>
    public Task RemoveAsync(IScheduler scheduler, long scheduleId, CancellationToken cancellationToken) =>
        scheduler.DeleteJob(new JobKey(Key(scheduleId), Group), cancellationToken).AsTask();

    private static string Key(long id) => "schedule-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
