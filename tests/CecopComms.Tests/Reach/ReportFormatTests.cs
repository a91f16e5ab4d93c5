using System.Text.Json;
using System.Xml.Linq;
using CecopComms.Reach.Formats;
using CecopComms.Reach.Reports;
using CecopComms.Tests.Import;
using CecopComms.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CecopComms.Tests.Reach;

/// <summary>The year report's formats: JSON and CSV shapes, one self-contained HTML file with valid SVG, and that file drawn in Chromium.</summary>
public sealed class ReportFormatTests
{

    private static async Task<(SyntheticYear, YearReport)> ReportAsync(string culture)
    {
        var year = await SyntheticYear.CreateAsync();
        var periods = new[] { 2021, 2022, 2023 }.Select(y => ReportPeriod.CalendarYear(y, SyntheticYear.Brussels)).ToArray();
        return (year, await year.Builder.BuildAsync(periods, SyntheticYear.Brussels, culture, true, CancellationToken.None));
    }

    [Fact]
    public async Task Json_gives_each_figure_its_values_growth_and_sources_by_period()
    {
        var (year, report) = await ReportAsync("fr-BE");
        using var _ = year;
        using var json = JsonDocument.Parse(YearReportJson.Write(report));
        Assert.Equal(["2021", "2022", "2023"], json.RootElement.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("label").GetString()));
        var twitter = json.RootElement.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "channel.twitter.followers");
        Assert.Equal(5573, twitter.GetProperty("values").GetProperty("2023").GetInt64());
        Assert.Equal(2.7m, twitter.GetProperty("growth").GetProperty("2023").GetProperty("percent").GetDecimal());
        Assert.Equal("+2,7%", twitter.GetProperty("growth").GetProperty("2023").GetProperty("text").GetString());
        Assert.Equal("CECOP activity report 2023", twitter.GetProperty("sources").GetProperty("2021").GetString());
        var website = json.RootElement.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "channel.website.users");
        Assert.Equal(JsonValueKind.Null, website.GetProperty("values").GetProperty("2022").ValueKind);
        Assert.Equal(JsonValueKind.Null, website.GetProperty("growth").GetProperty("2023").ValueKind);
        Assert.True(json.RootElement.GetProperty("definitions").GetProperty("delivered").GetString()!.Contains("bounce", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Csv_has_a_value_column_per_year_and_growth_in_the_culture()
    {
        var (year, report) = await ReportAsync("it-IT");
        using var _ = year;
        var lines = YearReportCsv.Write(report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,key,figure,2021,2022,2023,growth 2022,growth 2023,source,definition", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("Channels,channel.linkedin.followers,LinkedIn followers,559,892,1347,\"+59,6%\",\"+51,0%\",CECOP activity report 2023,", StringComparison.Ordinal));
        Assert.Equal(report.Figures.Count + 1, lines.Length);
    }

    [Fact]
    public async Task Csv_escapes_a_source_that_a_spreadsheet_would_run_as_a_formula_and_keeps_numbers_numbers()
    {
        using var year = await SyntheticYear.CreateAsync();
        const string Hostile = "=HYPERLINK(\"http://evil.example/x\",\"click\")";
        await using (var connection = await year.Database.OpenAsync())
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE channel_figures SET source = @Hostile WHERE channel = 'linkedin'", new { Hostile });
        var periods = new[] { 2021, 2022, 2023 }.Select(y => ReportPeriod.CalendarYear(y, SyntheticYear.Brussels)).ToArray();
        var report = await year.Builder.BuildAsync(periods, SyntheticYear.Brussels, "en-GB", true, CancellationToken.None);

        using var reader = CsvHelper.CsvReader.FromText(YearReportCsv.Write(report));
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        var linkedin = rows.Single(r => r[1] == "channel.linkedin.followers");
        Assert.Equal("'" + Hostile, linkedin[8]);
        Assert.Equal(["559", "892", "1347"], linkedin[3..6]);
        Assert.DoesNotContain(rows.SelectMany(r => r[..3].Concat(r[8..])), c => c.Length > 0 && c[0] is '=' or '+' or '@' or '\t' or '\r');
    }

    [Fact]
    public async Task Html_is_one_file_with_no_external_reference_and_valid_accessible_svg()
    {
        var (year, report) = await ReportAsync("en-GB");
        using var _ = year;
        var html = YearReportHtml.Write(report);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"href=""(?!#)", html);

        var svgs = System.Text.RegularExpressions.Regex.Matches(html, "<svg.*?</svg>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.Equal(report.ChannelSeries.Count + 2, svgs.Count);
        Assert.Equal(5, report.ChannelSeries.Count);
        XNamespace svg = "http://www.w3.org/2000/svg";
        foreach (System.Text.RegularExpressions.Match match in svgs)
        {
            var root = XElement.Parse(match.Value);
            Assert.Equal(svg + "svg", root.Name);
            Assert.Equal("img", (string?)root.Attribute("role"));
            Assert.False(string.IsNullOrWhiteSpace(root.Element(svg + "title")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(root.Element(svg + "desc")?.Value));
        }
        Assert.Contains("5,573", html);
        Assert.Contains("+2.7%", html);
        Assert.Contains("How each figure is computed", html);
    }

    [Fact]
    public async Task The_html_report_draws_its_charts_in_chromium_without_overflowing_1024_pixels()
    {
        var (year, report) = await ReportAsync("fr-BE");
        using var _ = year;
        var html = YearReportHtml.Write(report);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 800 } });
        var requests = new List<string>();
        await page.RouteAsync("**/*", route =>
        {
            requests.Add(route.Request.Url);
            return route.AbortAsync();
        });
        await page.SetContentAsync(html);
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", "year-report-2023.fr-BE.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

        Assert.Empty(requests);
        var overflow = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than 1024 px");
        foreach (var id in new[] { "subscribers", "editions", "channel-0", "channel-4" })
        {
            var box = await page.Locator($"svg#{id}").BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Width > 200 && box.Height > 100, $"chart {id} is {box.Width}×{box.Height} px");
        }
        // The subscriber line and the bars have ink: a path with length, bars with height.
        Assert.True(await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('svg#subscribers path.line')].map(p => p.getTotalLength()))") > 100);
        Assert.True(await page.EvaluateAsync<int>("() => [...document.querySelectorAll('svg#editions rect.bar')].filter(r => r.getBBox().height > 0).length") >= 10);
        var text = await page.InnerTextAsync("body");
        Assert.Contains("+2,7%", text);
        Assert.Contains("5\u202F573", text);
        Assert.True(png.Length > 30_000, $"the screenshot is only {png.Length} bytes");
    }
}
