using CecopComms.Audience.Import;

namespace CecopComms.Tests.Import;

public sealed class UuidV7SourceTests
{
    [Fact]
    public void Gives_distinct_random_version_7_uuids_stamped_with_the_clock_past_one_random_fill()
    {
        var clock = new TestClock();
        var source = new UuidV7Source(clock);

        var uuids = Enumerable.Range(0, 3_000).Select(_ => source.Next()).ToList();
        clock.Now = clock.Now.AddMilliseconds(1);
        var later = source.Next();

        Assert.Equal(3_000, uuids.Distinct().Count());
        Assert.All(uuids, u => Assert.Equal((7, true), (u.Version, u.Variant is >= 8 and <= 11)));
        var millis = clock.Now.AddMilliseconds(-1).ToUnixTimeMilliseconds().ToString("x12");
        Assert.All(uuids, u => Assert.Equal(millis, u.ToString("N")[..12]));
        Assert.True(string.CompareOrdinal(later.ToString(), uuids[^1].ToString()) > 0);
        // The random part really is random: not a counter, so no subscriber's uuid can be guessed from another's.
        Assert.True(uuids.Select(u => u.ToString("N")[13..]).Distinct().Count() == 3_000);
    }
}
