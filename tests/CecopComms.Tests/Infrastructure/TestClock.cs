using Microsoft.Extensions.Time.Testing;

namespace CecopComms.Tests.Infrastructure;

/// <summary>
/// Fake clocks for test beds: every service a test builds reads one of these, set to the scenario's instant, so no test
/// depends on the day it runs (.ci/run also runs the date-bound classes with the machine's clock moved years ahead).
/// </summary>
public static class TestClocks
{
    /// <summary>The default scenario instant: 2 March 2026, 09:30 UTC (a Monday, 10:30 in Brussels).</summary>
    public static readonly DateTimeOffset Scenario = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A fake clock standing at <paramref name="now"/> (default <see cref="Scenario"/>) until the test moves it.</summary>
    public static FakeTimeProvider At(DateTimeOffset? now = null) => new(now ?? Scenario);
}
