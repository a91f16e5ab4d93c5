using System.Globalization;
using CecopComms.Reach;
using CecopComms.Reach.Channels;
using CecopComms.Reach.Figures;
using CecopComms.Reach.Past;
using CecopComms.Reach.Reports;
using CecopComms.Storage;
using CecopComms.Tests.Import;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Reach;

/// <summary>
/// Past e-mail figures from CECOP's records: with the activity report's facts entered, a database with no record of its
/// own reproduces "2023 in numbers"; each figure carries its source; the engine's own figure wins over an entered one.
/// </summary>
public sealed class PastEmailFigureTests : WorkspaceTest
{
    private const string Report2023 = "CECOP activity report 2023";

    /// <summary>The activity report's facts: for 2023, subscribers, people reached and editions sent.</summary>
    internal static readonly (string Publication, string Figure, long Value)[] Facts2023 =
    [
        ("cecop-newsletter", "subscribers", 3_495), ("cecop-newsletter", "reach", 3_496), ("cecop-link", "editions", 9), ("cecop-newsletter", "editions", 1),
    ];

    [Fact]
    public async Task With_the_activity_reports_facts_entered_2023_in_numbers_is_reproduced_with_each_figures_source()
    {
        var database = await Workspace.OpenDatabaseAsync();
        var clock = new TestClock();
        var past = new PastEmailFigureStore(database, clock);
        var channels = new ChannelFigureStore(database, clock);
        await new ChannelImporter(channels).ImportAsync(SyntheticYear.RepositoryFile("samples/channels.csv"), "test", CancellationToken.None);
        foreach (var (publication, figure, value) in Facts2023)
            await past.SetAsync(2023, publication, figure, value, Report2023, "ana", CancellationToken.None);

        var builder = new YearReportBuilder(database, new MailingFigureStore(database, clock), channels, past, clock);
        var periods = new[] { 2022, 2023 }.Select(y => ReportPeriod.CalendarYear(y, SyntheticYear.Brussels)).ToArray();
        var report = await builder.BuildAsync(periods, SyntheticYear.Brussels, "fr-BE", false, CancellationToken.None);
        ReportFigure Figure(string key) => report.Figures.Single(f => f.Key == key);

        Assert.Equal((3_495L, Report2023), (Figure("subscribers.external-newsletter").Values[1], Figure("subscribers.external-newsletter").Sources[1]));
        Assert.Equal((3_496L, Report2023), (Figure("reach.cecop-newsletter").Values[1], Figure("reach.cecop-newsletter").Sources[1]));
        Assert.Equal((9L, Report2023), (Figure("editions.cecop-link").Values[1], Figure("editions.cecop-link").Sources[1]));
        Assert.Equal((1L, Report2023), (Figure("editions.cecop-newsletter").Values[1], Figure("editions.cecop-newsletter").Sources[1]));
        // 2022 has neither a record of the engine's nor an entered figure: no data, from no source.
        Assert.Equal((null, null), (Figure("editions.cecop-link").Values[0], Figure("editions.cecop-link").Sources[0]));
        Assert.Equal(Report2023, Figure("editions.cecop-link").SourceTextOf(report.Periods));
        Assert.Empty(report.SetAside);

        // Channel growth, computed from the figures and written the European way. The printed report gives +2,7% for
        // Facebook and +0,2% for the fourth channel; its own figures give (3283 − 3194) / 3194 = +2,8% and
        // (417 − 406) / 406 = +2,7%, and a report is computed, never typed in.
        var culture = CultureInfo.GetCultureInfo("fr-BE");
        Assert.Equal(["+2,7%", "+2,8%", "+51,0%", "+2,7%"],
            new[] { "twitter", "facebook", "linkedin", "other" }.Select(c => Growth.Text(Figure($"channel.{c}.followers").Growths[1], culture)));
    }

    [Fact]
    public async Task Where_the_database_has_its_own_figure_it_wins_and_the_entered_one_is_set_aside()
    {
        using var year = await SyntheticYear.CreateAsync(channels: false);
        await year.Past.SetAsync(2023, "cecop-newsletter", "subscribers", 9_999, "A guess", "ana", CancellationToken.None);
        await year.Past.SetAsync(2020, "CECOP Newsletter", "subscribers at year end", 2_800, "CECOP activity report 2020, p. 9", "ana", CancellationToken.None);
        await year.Past.SetAsync(2020, "all", "editions sent", 11, "CECOP activity report 2020, p. 9", "ana", CancellationToken.None);

        var periods = new[] { 2020, 2023 }.Select(y => ReportPeriod.CalendarYear(y, SyntheticYear.Brussels)).ToArray();
        var report = await year.Builder.BuildAsync(periods, SyntheticYear.Brussels, "en-GB", true, CancellationToken.None);

        var subscribers = report.Figures.Single(f => f.Key == "subscribers.external-newsletter");
        Assert.Equal([2_800L, 3_495L], subscribers.Values);
        Assert.Equal(["CECOP activity report 2020, p. 9", ReportDefinitions.Database], subscribers.Sources);
        Assert.Equal("2020: CECOP activity report 2020, p. 9; 2023: CecopComms database", subscribers.SourceTextOf(report.Periods));
        Assert.Equal(new SetAsideFigure("Subscribers at the end of the period: CECOP Newsletter", "2023", 9_999, "A guess"), Assert.Single(report.SetAside));
        // A figure the engine does not count has a line of its own, in its section.
        var editions = report.Figures.Single(f => f.Key == "editions");
        Assert.Equal(("Email sending", "Editions sent: all publications", 11L, (long?)null), (editions.Section, editions.Label, editions.Values[0], editions.Values[1]));
    }

    [Fact]
    public async Task An_import_refuses_the_bad_row_with_its_line_and_column_and_keeps_the_good_ones()
    {
        var past = new PastEmailFigureStore(await Workspace.OpenDatabaseAsync(), new TestClock());
        var file = Workspace.WriteFile("past.csv", string.Join("\n",
            "Year;Publication;Figure;Value;Source",
            "2023;cecop-newsletter;subscribers;3.495;CECOP activity report 2023, p. 12",
            "2023;cecop-bulletin;editions;4;CECOP activity report 2023, p. 12",
            "2023;cecop-link;editions sent;9;CECOP activity report 2023, p. 12",
            "2023;all;people reached;3496;CECOP activity report 2023, p. 12"));

        var result = await new PastEmailImporter(past).ImportAsync(file, "test", CancellationToken.None);

        Assert.Equal((4, 3), (result.RowsRead, result.Imported));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("line 3, Publication: the publication 'cecop-bulletin' is not one of: cecop-link, cecop-newsletter, or all", error.ToString());
        Assert.Equal(["2023  reach 3496", "2023 cecop-link editions 9", "2023 cecop-newsletter subscribers 3495"],
            (await past.CurrentAsync(2023, CancellationToken.None)).Select(f => $"{f.Year} {f.Publication} {f.Figure} {f.Value}").Order());
    }

    [Theory]
    [InlineData("cecop-link", "opens", 2023, 1L, "s", "the figure 'opens' is not one of")]
    [InlineData("cecop-link", "editions", 1999, 1L, "s", "the year 1999")]
    [InlineData("cecop-link", "editions", 2023, -1L, "s", "negative")]
    [InlineData("cecop-link", "editions", 2023, 1L, " ", "the source is empty")]
    public async Task A_wrong_entry_is_refused_with_a_sentence(string publication, string figure, int year, long value, string source, string words)
    {
        var past = new PastEmailFigureStore(await Workspace.OpenDatabaseAsync(), new TestClock());
        var error = await Assert.ThrowsAsync<ReachException>(() => past.SetAsync(year, publication, figure, value, source, "ana", CancellationToken.None));
        Assert.Contains(words, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await past.CurrentAsync(null, CancellationToken.None));
    }
}
