using CecopComms.Reach;
using CecopComms.Reach.Channels;
using CecopComms.Tests.Import;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Reach;

/// <summary>Channel figures: entries keep their history, imports report bad rows by line and keep the good ones.</summary>
public sealed class ChannelFigureTests : WorkspaceTest
{
    [Fact]
    public async Task A_new_entry_supersedes_the_old_one_for_reading_and_both_stay_in_the_history()
    {
        var clock = new TestClock();
        var store = new ChannelFigureStore(await Workspace.OpenDatabaseAsync(), clock);
        await store.SetAsync("Twitter", "followers", 2023, 5573, "CECOP activity report 2023", "ana", CancellationToken.None);
        clock.Now = clock.Now.AddDays(3);
        await store.SetAsync("X", "Followers", 2023, 5580, "X analytics", "ben", CancellationToken.None);

        var current = Assert.Single(await store.CurrentAsync(2023, CancellationToken.None));
        Assert.Equal((5580L, "X analytics", "ben", "twitter"), (current.Value, current.Source, current.EnteredBy, current.Channel));
        var history = await store.HistoryAsync("twitter", CancellationToken.None);
        Assert.Equal([5580L, 5573L], history.Select(h => h.Value));
        Assert.Equal(clock.Now, history[0].EnteredAt);
        Assert.Empty(await store.CurrentAsync(2022, CancellationToken.None));
    }

    [Theory]
    [InlineData("twiter", "followers", 2023, 1L, "s", "the channel 'twiter' is not one of")]
    [InlineData("twitter", "likes", 2023, 1L, "s", "the metric 'likes' is not one of")]
    [InlineData("twitter", "followers", 1999, 1L, "s", "the year 1999")]
    [InlineData("twitter", "followers", 2023, -5L, "s", "negative")]
    [InlineData("twitter", "followers", 2023, 5L, " ", "the source is empty")]
    public async Task A_wrong_entry_is_refused_with_a_sentence(string channel, string metric, int year, long value, string source, string words)
    {
        var store = new ChannelFigureStore(await Workspace.OpenDatabaseAsync(), new TestClock());
        var error = await Assert.ThrowsAsync<ReachException>(() => store.SetAsync(channel, metric, year, value, source, "ana", CancellationToken.None));
        Assert.Contains(words, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await store.HistoryAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task An_import_reports_each_bad_row_with_its_line_and_records_the_good_ones()
    {
        var store = new ChannelFigureStore(await Workspace.OpenDatabaseAsync(), new TestClock());
        var file = Workspace.WriteFile("channels.csv", string.Join("\n",
            "Channel;Metric;Year;Value;Source",
            "twitter;followers;2023;5573;CECOP activity report 2023",
            "facebook;followers;2023;3.283;CECOP activity report 2023",
            "mastodon;followers;2023;12;Mastodon",
            "linkedin;followers;twenty;1347;CECOP activity report 2023",
            "linkedin;followers;2023;1,3;CECOP activity report 2023",
            "",
            "website;unique page views;2023;\"16 000\";Matomo",
            "other;followers;2023;417;",
            "youtube;followers;2023;\"12;CECOP",
            "instagram;followers;2022;400;Meta Business Suite"));
        var result = await new ChannelImporter(store).ImportAsync(file, "test", CancellationToken.None);

        Assert.Equal(9, result.RowsRead);
        Assert.Equal(4, result.Imported);
        Assert.Equal(["line 4, Channel", "line 5, Year", "line 6, Value", "line 9, Source", "line 10"],
            result.Errors.Select(e => e.ToString().Split(':')[0]));
        Assert.Contains("mastodon", result.Errors[0].Reason);
        var current = await store.CurrentAsync(null, CancellationToken.None);
        Assert.Equal(["facebook followers 3283", "instagram followers 400", "twitter followers 5573", "website unique-page-views 16000"],
            current.Select(f => $"{f.Channel} {f.Metric} {f.Value}").Order());
    }

    [Fact]
    public async Task An_import_without_a_source_column_is_refused_as_a_whole()
    {
        var store = new ChannelFigureStore(await Workspace.OpenDatabaseAsync(), new TestClock());
        var file = Workspace.WriteFile("channels.csv", "channel,metric,year,value\ntwitter,followers,2023,5573\n");
        var error = await Assert.ThrowsAsync<CecopComms.Audience.Import.ImportException>(() => new ChannelImporter(store).ImportAsync(file, "test", CancellationToken.None));
        Assert.Contains("no 'source' column", error.Message);
    }

    [Fact]
    public async Task A_channel_added_takes_figures_and_a_renamed_one_keeps_its_figures_under_the_new_name()
    {
        var database = await Workspace.OpenDatabaseAsync();
        var clock = new TestClock();
        var channels = new ChannelStore(database, clock);
        var store = new ChannelFigureStore(database, clock);
        await store.SetAsync("other", "followers", 2023, 417, "CECOP activity report 2023", "ana", CancellationToken.None);

        var bluesky = await channels.AddAsync("  Bluesky ", "ana", CancellationToken.None);
        await store.SetAsync("Bluesky", "followers", 2024, 210, "Bluesky profile", "ana", CancellationToken.None);
        var renamed = await channels.RenameAsync("Other channel (unnamed)", "Mastodon", "ben", CancellationToken.None);

        Assert.Equal(("bluesky", "Bluesky"), (bluesky.Key, bluesky.Name));
        Assert.Equal(("other", "Mastodon"), (renamed.Key, renamed.Name));
        Assert.Equal("Bluesky", (await channels.ListAsync(CancellationToken.None))[^1].Name);
        Assert.Equal(["Mastodon followers 417", "Bluesky followers 210"], (await store.CurrentAsync(null, CancellationToken.None)).Select(f => $"{f.Label} {f.Value}"));
        // The new name is a way to write the channel too.
        await store.SetAsync("mastodon", "followers", 2024, 430, "Mastodon profile", "ben", CancellationToken.None);
        Assert.Equal([417L, 430L], (await store.HistoryAsync("Mastodon", CancellationToken.None)).Select(f => f.Value));

        var taken = await Assert.ThrowsAsync<ReachException>(() => channels.AddAsync("bluesky", "ana", CancellationToken.None));
        Assert.Contains("already", taken.Message);
        var clash = await Assert.ThrowsAsync<ReachException>(() => channels.RenameAsync("twitter", "facebook", "ana", CancellationToken.None));
        Assert.Equal("The name 'facebook' is already the channel Facebook's.", clash.Message);
        var unknown = await Assert.ThrowsAsync<ReachException>(() => channels.RenameAsync("myspace", "MySpace", "ana", CancellationToken.None));
        Assert.StartsWith("The channel 'myspace' is not one of: Twitter / X, Facebook,", unknown.Message);
        await Assert.ThrowsAsync<ReachException>(() => channels.AddAsync(" ", "ana", CancellationToken.None));
    }
}
