using CecopComms.Reach.Figures;

namespace CecopComms.Tests.Reach;

/// <summary>The bitset behind unique reach: unions of sets at any offsets count each person once, and survive a round trip through bytes.</summary>
public sealed class PeopleSetTests
{
    [Fact]
    public void Unions_of_overlapping_sets_at_unaligned_offsets_count_each_person_once()
    {
        var random = new Random(7);
        var expected = new HashSet<long>();
        var union = PeopleSet.Empty();
        for (var i = 0; i < 20; i++)
        {
            var start = random.Next(1, 5_000);
            var ids = Enumerable.Range(start, random.Next(1, 3_000)).Where(_ => random.NextDouble() < 0.3).Select(x => (long)x).ToList();
            var excluded = ids.Where(_ => random.NextDouble() < 0.1).ToList();
            var set = PeopleSet.FromBytes(0, []);
            set.UnionWith(PeopleSet.FromSorted(ids, excluded));
            var copy = PeopleSet.FromBytes(set.First, set.ToBytes());
            union.UnionWith(copy);
            expected.UnionWith(ids.Except(excluded));
        }
        Assert.Equal(expected.Count, union.Count);
        Assert.All(expected, id => Assert.True(union.Contains(id), $"{id} is missing"));
        Assert.False(union.Contains(0));
        Assert.False(union.Contains(1_000_000));
    }
}
