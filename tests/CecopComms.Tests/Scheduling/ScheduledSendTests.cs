using CecopComms.Content.Editions;
using CecopComms.Delivery;
using CecopComms.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Tests.Scheduling;

/// <summary>What a trigger does when it fires, on the bed's fake clock moved to each scenario instant.</summary>
public sealed class ScheduledSendTests
{
    private static readonly DateTimeOffset Due = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero); // 10:00 in Brussels

    private static ScheduledSend Send(SchedulingTestBed bed, DateTimeOffset now)
    {
        bed.FakeClock.SetUtcNow(now);
        return bed.Services.GetRequiredService<ScheduledSend>();
    }

    private static Task<Schedule> AddOnceAsync(SchedulingTestBed bed, DateTimeOffset at) =>
        bed.Services.GetRequiredService<ScheduleStore>().AddAsync(new Schedule { Kind = "once", Source = bed.Source.ToString(), RunAt = at, TimeZone = "Europe/Brussels" }, CancellationToken.None);

    [Fact]
    public async Task At_its_time_a_one_off_schedule_starts_the_mailing_with_its_whole_ledger()
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 7);
        var schedule = await AddOnceAsync(bed, Due);

        var mailing = await Send(bed, Due.AddSeconds(1)).FireAsync(schedule.Id, CancellationToken.None);

        Assert.NotNull(mailing);
        Assert.Equal((MailingStatus.Running, 7L), (mailing.Status, mailing.Total));
        var after = await bed.Services.GetRequiredService<ScheduleStore>().GetAsync(schedule.Id, CancellationToken.None);
        Assert.Equal((ScheduleStatus.Done, mailing.Id), (after.Status, after.LastMailingId));
        Assert.Contains("2026-12-01 10:00 +01:00 Europe/Brussels", after.Note);
    }

    [Fact]
    public async Task A_send_missed_by_less_than_the_grace_period_still_goes_out()
    {
        await using var bed = await SchedulingTestBed.CreateAsync();
        var schedule = await AddOnceAsync(bed, Due);
        Assert.NotNull(await Send(bed, Due.AddHours(5.9)).FireAsync(schedule.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_send_missed_by_more_than_the_grace_period_is_marked_missed_and_not_sent()
    {
        await using var bed = await SchedulingTestBed.CreateAsync();
        var schedule = await AddOnceAsync(bed, Due);

        Assert.Null(await Send(bed, Due.AddHours(6.5)).FireAsync(schedule.Id, CancellationToken.None));

        var after = await bed.Services.GetRequiredService<ScheduleStore>().GetAsync(schedule.Id, CancellationToken.None);
        Assert.Equal(ScheduleStatus.Missed, after.Status);
        Assert.StartsWith("missed: due 2026-12-01 10:00", after.Note);
        Assert.Empty(await bed.Services.GetRequiredService<MailingStore>().ListAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_recurring_schedule_sends_the_next_draft_edition_and_says_so_when_there_is_none()
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 3);
        var store = bed.Services.GetRequiredService<ScheduleStore>();
        // Created on the bed's clock (20 November 2026): its first occurrence is the first Tuesday of December.
        var schedule = await store.AddAsync(new Schedule { Kind = "recurring", Publication = "cecop-newsletter", Cron = "0 0 10 ? * TUE#1", TimeZone = "Europe/Brussels" }, CancellationToken.None);
        Assert.Equal(SchedulingTestBed.Start, schedule.CreatedAt);
        Assert.Equal(Due, ScheduledSend.PlannedOccurrence(schedule, Due.AddMinutes(1)));

        var first = await Send(bed, Due.AddMinutes(1)).FireAsync(schedule.Id, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Equal(bed.Source, first.Source);
        Assert.Equal(3, first.Total);

        // The only draft is now being sent: the next first Tuesday has nothing to send, and says so.
        var nextDue = new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero);
        Assert.Null(await Send(bed, nextDue.AddMinutes(1)).FireAsync(schedule.Id, CancellationToken.None));
        var after = await store.GetAsync(schedule.Id, CancellationToken.None);
        Assert.Equal(ScheduleStatus.Active, after.Status);
        Assert.Contains("no draft edition", after.Note);
        Assert.Equal(nextDue, after.LastFiredAt);
    }

    [Theory]
    [InlineData("2026-03-03 10:00", "2026-03-03T09:00:00Z")] // winter, +01:00
    [InlineData("2026-06-02 10:00", "2026-06-02T08:00:00Z")] // summer, +02:00
    public async Task A_time_without_an_offset_is_read_in_brussels(string text, string utc)
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 0);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture),
            bed.Services.GetRequiredService<SchedulePlanner>().ParseTime(text, null));
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 15, 0, 0, TimeSpan.Zero), bed.Services.GetRequiredService<SchedulePlanner>().ParseTime("2026-03-03 10:00", "America/New_York"));
    }
}
