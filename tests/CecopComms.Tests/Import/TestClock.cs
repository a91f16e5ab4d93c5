namespace CecopComms.Tests.Import;

/// <summary>
/// A clock whose wall time the test sets. With <see cref="Stepping"/> every timestamp read is a second after the last,
/// so the progress throttle lets every report through (the crash test cancels from a progress report after N batches).
/// </summary>
internal sealed class TestClock : TimeProvider
{
    private long _ticks;

    public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public bool Stepping { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Stepping ? Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond) : DateTime.UtcNow.Ticks;
}
