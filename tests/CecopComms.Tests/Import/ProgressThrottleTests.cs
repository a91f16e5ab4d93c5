using CecopComms.Audience.Import;

namespace CecopComms.Tests.Import;

public sealed class ProgressThrottleTests
{
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; set; }
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Ticks;
    }

    [Fact]
    public void Passes_on_at_most_ten_reports_a_second_and_always_the_last()
    {
        var clock = new ManualClock();
        var reports = new List<ImportProgress>();
        var throttle = new ProgressThrottle(SyncProgress.Of<ImportProgress>(reports.Add), clock);
        var counts = new ImportCounts();

        // Two seconds of reports every millisecond.
        for (var i = 1; i <= 2_000; i++)
        {
            clock.Ticks = i * TimeSpan.TicksPerMillisecond;
            counts.Read = i;
            throttle.Report(counts);
        }
        throttle.Report(counts, final: true);

        Assert.InRange(reports.Count, 19, 21);
        Assert.Equal(2_000, reports[^1].RowsRead);
        Assert.Equal(1_000, reports[^1].RowsPerSecond, precision: 6);
    }
}
