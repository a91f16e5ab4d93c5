using CecopComms.Delivery;
using CecopComms.Scheduling;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Tests.Scheduling;

/// <summary>Real Quartz triggers in the persistent store on the application's SQLite database; they fire on the machine's clock, so the bed runs on it too.</summary>
public sealed class QuartzTriggerTests
{
    private static async Task<Schedule> WaitAsync(SchedulingTestBed bed, long id, Func<Schedule, bool> done)
    {
        var store = bed.Services.GetRequiredService<ScheduleStore>();
        for (var i = 0; i < 200; i++)
        {
            var schedule = await store.GetAsync(id, CancellationToken.None);
            if (done(schedule)) return schedule;
            await Task.Delay(100);
        }
        return await store.GetAsync(id, CancellationToken.None);
    }

    [Fact]
    public async Task A_trigger_a_few_seconds_ahead_fires_and_the_sender_delivers_the_mailing()
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 4, TimeProvider.System);
        var planner = bed.Services.GetRequiredService<SchedulePlanner>();
        var schedule = await planner.OnceAsync(bed.Source, bed.Clock.GetUtcNow().AddSeconds(2), CancellationToken.None);
        await using (var connection = await bed.Services.GetRequiredService<CecopComms.Storage.Database>().OpenAsync())
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM QRTZ_TRIGGERS"));

        var scheduler = bed.Services.GetRequiredService<SchedulerService>();
        var sender = bed.Services.GetRequiredService<SenderService>();
        await scheduler.StartAsync(CancellationToken.None);
        await sender.StartAsync(CancellationToken.None);
        try
        {
            var fired = await WaitAsync(bed, schedule.Id, s => s.Status != ScheduleStatus.Active);
            Assert.Equal(ScheduleStatus.Done, fired.Status);
            var mailings = bed.Services.GetRequiredService<MailingStore>();
            Mailing mailing;
            var waited = 0;
            do
            {
                await Task.Delay(100);
                mailing = await mailings.GetAsync(fired.LastMailingId!.Value, CancellationToken.None);
            } while (mailing.Status != MailingStatus.Finished && ++waited < 200);
            Assert.Equal((MailingStatus.Finished, 4L), (mailing.Status, mailing.Sent));
        }
        finally
        {
            await sender.StopAsync(CancellationToken.None);
            await scheduler.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Triggers_missed_while_the_engine_was_down_fire_on_start_within_the_grace_period_else_are_marked_missed()
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 2, TimeProvider.System);
        var store = bed.Services.GetRequiredService<ScheduleStore>();
        var triggers = bed.Services.GetRequiredService<ScheduleTriggers>();
        var now = bed.Clock.GetUtcNow();
        var recent = await store.AddAsync(new Schedule { Kind = "once", Source = bed.Source.ToString(), RunAt = now.AddHours(-2), TimeZone = "Europe/Brussels" }, CancellationToken.None);
        var old = await store.AddAsync(new Schedule { Kind = "once", Source = bed.Source.ToString(), RunAt = now.AddHours(-8), TimeZone = "Europe/Brussels" }, CancellationToken.None);
        var offline = await triggers.CreateSchedulerAsync(CancellationToken.None);
        await triggers.AddAsync(offline, recent, CancellationToken.None);
        await triggers.AddAsync(offline, old, CancellationToken.None);
        await offline.Shutdown(false, CancellationToken.None);

        var scheduler = bed.Services.GetRequiredService<SchedulerService>();
        await scheduler.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal(ScheduleStatus.Done, (await WaitAsync(bed, recent.Id, s => s.Status != ScheduleStatus.Active)).Status);
            var missed = await WaitAsync(bed, old.Id, s => s.Status != ScheduleStatus.Active);
            Assert.Equal(ScheduleStatus.Missed, missed.Status);
            Assert.Null(missed.LastMailingId);
        }
        finally
        {
            await scheduler.StopAsync(CancellationToken.None);
        }
    }
}
