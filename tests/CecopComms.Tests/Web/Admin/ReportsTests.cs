using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CecopComms.Content.Campaigns;
using CecopComms.Reach.Formats;
using CecopComms.Reach.Reports;
using CecopComms.Tests.Reach;
using static CecopComms.Tests.Web.Admin.StaffSession;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// The reports pages over the synthetic 2023 (a year like CECOP's, written through the real tables): the year in numbers
/// with its charts and downloads byte for byte as the CLI writes them, a campaign's reach, and channel figures entered
/// and imported by editors only.
/// </summary>
public sealed class ReportsTests : IAsyncLifetime
{
    private SyntheticYear _year = null!;
    private CecopWebFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _year = await SyntheticYear.CreateAsync();
        _factory = new CecopWebFactory();
        _year.Workspace.WithStorage(_factory.Settings);
    }

    public Task DisposeAsync()
    {
        _factory.Dispose();
        _year.Dispose();
        return Task.CompletedTask;
    }

    // As the pages encode: letters stay letters, while the narrow no-break space that groups fr-BE thousands becomes &#x202F;.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private Task<YearReport> ExpectedAsync(string culture, params int[] years) =>
        _year.Builder.BuildAsync(years.Select(y => ReportPeriod.CalendarYear(y, SyntheticYear.Brussels)).ToArray(), SyntheticYear.Brussels, culture, false, CancellationToken.None);

    [Fact]
    public async Task The_year_in_numbers_shows_figures_growth_sources_and_charts_and_downloads_what_the_cli_writes()
    {
        var (client, _) = await SignInAsync(_factory, "viewer");
        var expected = await ExpectedAsync("fr-BE", 2022, 2023);
        var culture = ReportCulture.Get("fr-BE");

        var html = await HtmlAsync(client, "/admin/reports?Year=2023&Compare=2022&Culture=fr-BE");

        Assert.Contains("<a href=\"/admin/reports\" aria-current=\"page\">Reports</a>", html);
        var sent = expected.Figures.Single(f => f.Key == "sent");
        Assert.True(sent.Values[1] > 0);
        Assert.Contains($"<td class=\"number\">{Encoder.Encode(ReportCulture.Value(sent.Values[1], culture))}</td>", html);
        foreach (var figure in expected.Figures)
        {
            Assert.Contains(Encoder.Encode(figure.Label), html);
            Assert.Contains(Encoder.Encode(Growth.Text(figure.Growths[1], culture)), html);
        }
        Assert.Contains("CECOP activity report 2023", html);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"subscribers\"", html);
        Assert.Contains("id=\"editions\"", html);
        Assert.Contains("id=\"channel-0\"", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("href=\"/admin/reports/campaigns/coopskills2023\"", html);
        Assert.Contains("href=\"/admin/reports/year.csv?year=2023&amp;compare=2022&amp;culture=fr-BE\"", html);

        using var csv = await client.GetAsync("/admin/reports/year.csv?year=2023&compare=2022&culture=fr-BE");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("cecop-year-2022-2023.csv", csv.Content.Headers.ContentDisposition?.FileName);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(YearReportCsv.Write(expected), Encoding.UTF8.GetString(bytes[3..]));

        using var report = await client.GetAsync("/admin/reports/year.html?year=2023&compare=2022&culture=fr-BE");
        Assert.Equal("attachment", report.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        // Byte for byte but for the minute it was generated at.
        static string Undated(string text) => System.Text.RegularExpressions.Regex.Replace(text, "Generated [0-9: -]+ UTC", "Generated UTC");
        Assert.Equal(Undated(YearReportHtml.Write(expected)), Undated(await report.Content.ReadAsStringAsync()));

        using var unknown = await client.GetAsync("/admin/reports/year.pdf?year=2023");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_mistyped_comparison_year_is_explained_in_the_page()
    {
        var (client, _) = await SignInAsync(_factory, "viewer");

        var typo = await HtmlAsync(client, "/admin/reports?Year=2023&Compare=2022%2C+twenty");
        var range = await HtmlAsync(client, "/admin/reports?Year=1999");

        Assert.Contains("<div class=\"problems\" role=\"alert\"><p>&#x27;Compare with&#x27; holds &#x27;twenty&#x27;, which is not a year", typo.Replace("'", "&#x27;"));
        Assert.Contains("The year 1999 is not between 2000 and 2100.", range);
        using var download = await client.GetAsync("/admin/reports/year.csv?year=1999");
        Assert.Equal(HttpStatusCode.BadRequest, download.StatusCode);
    }

    [Fact]
    public async Task A_campaign_shows_each_mailing_and_its_unique_reach_with_the_cli_csv()
    {
        var (client, _) = await SignInAsync(_factory, "viewer");
        var expected = await new CampaignReportBuilder(_year.Database, new CampaignStore(_year.Database, _year.Clock), _year.Figures, _year.Clock)
            .BuildAsync("coopskills2023", false, CancellationToken.None);

        var html = await HtmlAsync(client, "/admin/reports/campaigns/coopskills2023");

        Assert.Contains("#CoopSkills2023: European Year of Skills", html);
        Assert.Contains($"Unique reach of the campaign: {expected.UniqueReach:N0} people.", html);
        foreach (var line in expected.Mailings) Assert.Contains($"<th scope=\"row\">{line.Slug}</th>", html);
        Assert.Contains("not sent", html);
        Assert.Contains($"<td class=\"number\">{expected.Delivered:N0}</td>", html);
        using var csv = await client.GetAsync("/admin/reports/campaigns/coopskills2023.csv");
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(CampaignReportWriter.Csv(expected), Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]));
        using var missing = await client.GetAsync("/admin/reports/campaigns/no-such-campaign");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_editor_enters_and_imports_channel_figures_and_sees_each_refused_line()
    {
        var (client, editor) = await SignInAsync(_factory, "editor");

        using (var set = await PostAsync(client, "/admin/reports/channels?handler=Set", ("__csrf", await CsrfAsync(client, "/admin/reports/channels")),
                   ("Channel", "linkedin"), ("Metric", "followers"), ("Year", "2024"), ("Value", "6120"), ("Source", "LinkedIn page analytics")))
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var list = await HtmlAsync(client, "/admin/reports/channels");
        Assert.Contains("LinkedIn followers 2024: 6,120 recorded (source: LinkedIn page analytics).", list);
        Assert.Contains("<th scope=\"row\">LinkedIn followers</th><td class=\"number\">2024</td><td class=\"number\">6,120</td><td>LinkedIn page analytics</td>", list);
        Assert.Contains($"<td>{editor.Name}</td>", list);

        using (var bad = await PostAsync(client, "/admin/reports/channels?handler=Set", ("__csrf", await CsrfAsync(client, "/admin/reports/channels")),
                   ("Channel", "linkedin"), ("Metric", "followers"), ("Year", "2024"), ("Value", "6120"), ("Source", " ")))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("The source is empty", await bad.Content.ReadAsStringAsync());
        }

        var csv = "channel,metric,year,value,source\nfacebook,followers,2024,\"4,480\",Meta Business Suite\ntwiter,followers,2024,100,typo\nwebsite,users,2024,abc,Matomo\n";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await CsrfAsync(client, "/admin/reports/channels")), "__csrf" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", "channels-2024.csv");
        using var imported = await client.PostAsync("/admin/reports/channels?handler=Import", form);
        var page = await imported.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains("channels-2024.csv: 3 rows read, 1 figures recorded, 2 rejected.", page);
        Assert.Contains("<li>channels-2024.csv: line 3, channel: the channel &#x27;twiter&#x27; is not one of:", page.Replace("'", "&#x27;"));
        Assert.Contains("<li>channels-2024.csv: line 4, value: the value &#x27;abc&#x27; is not a whole number", page.Replace("'", "&#x27;"));
        Assert.Contains("<td class=\"number\">4,480</td><td>Meta Business Suite</td>", page);
        Assert.Equal(1L, await ScalarAsync<long>(_factory, "SELECT count(*) FROM channel_figures WHERE year = 2024 AND channel = 'facebook' AND entered_by = @By",
            new { By = $"{editor.Name} (import of channels-2024.csv)" }));
    }

    [Fact]
    public async Task A_viewer_reads_channel_figures_but_cannot_enter_or_import_them()
    {
        var (client, _) = await SignInAsync(_factory, "viewer");
        var before = await ScalarAsync<long>(_factory, "SELECT count(*) FROM channel_figures");

        var html = await HtmlAsync(client, "/admin/reports/channels");
        var csrf = await CsrfAsync(client, "/admin/reports/channels");
        using var set = await PostAsync(client, "/admin/reports/channels?handler=Set", ("__csrf", csrf),
            ("Channel", "linkedin"), ("Metric", "followers"), ("Year", "2024"), ("Value", "1"), ("Source", "made up"));
        using var form = new MultipartFormDataContent { { new StringContent(csrf), "__csrf" }, { new StringContent("channel,metric,year,value,source\nx,followers,2024,1,made up\n"), "Upload", "c.csv" } };
        using var import = await client.PostAsync("/admin/reports/channels?handler=Import", form);

        Assert.Contains("CECOP activity report 2023", html);
        Assert.DoesNotContain("Record the figure", html);
        Assert.Equal(HttpStatusCode.Forbidden, set.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Equal(before, await ScalarAsync<long>(_factory, "SELECT count(*) FROM channel_figures"));
    }

    [Fact]
    public async Task An_editor_adds_a_channel_and_names_the_fourth_one_and_the_report_uses_the_names()
    {
        var (client, _) = await SignInAsync(_factory, "editor");

        using (var add = await PostAsync(client, "/admin/reports/channels?handler=Add", ("__csrf", await CsrfAsync(client, "/admin/reports/channels")), ("Name", "Bluesky")))
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        Assert.Contains("Added the channel Bluesky. Its figures can be entered now.", await HtmlAsync(client, "/admin/reports/channels"));
        using (var rename = await PostAsync(client, "/admin/reports/channels?handler=Rename", ("__csrf", await CsrfAsync(client, "/admin/reports/channels")),
                   ("Channel", "other"), ("Name", "Mastodon")))
            Assert.Equal(HttpStatusCode.Redirect, rename.StatusCode);
        var page = await HtmlAsync(client, "/admin/reports/channels");
        Assert.Contains("Other channel (unnamed) is now named Mastodon; its figures are shown under the new name.", page);
        Assert.Contains("<option value=\"bluesky\">Bluesky</option>", page);
        Assert.Contains("<th scope=\"row\">Mastodon followers</th><td class=\"number\">2023</td><td class=\"number\">417</td>", page);
        using (var clash = await PostAsync(client, "/admin/reports/channels?handler=Rename", ("__csrf", await CsrfAsync(client, "/admin/reports/channels")),
                   ("Channel", "twitter"), ("Name", "bluesky")))
        {
            Assert.Equal(HttpStatusCode.OK, clash.StatusCode);
            Assert.Contains("The name &#x27;bluesky&#x27; is already the channel Bluesky&#x27;s.", (await clash.Content.ReadAsStringAsync()).Replace("'", "&#x27;"));
        }

        var report = await HtmlAsync(client, "/admin/reports?Year=2023&Compare=2022");
        Assert.Contains(">Mastodon followers</a></th>", report);
        Assert.DoesNotContain("unnamed", report);
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/admin/reports/year.csv?year=2023&compare=2022"));
        Assert.Contains("Channels,channel.other.followers,Mastodon followers,406,417,", csv);
    }

    [Fact]
    public async Task A_viewer_cannot_add_or_rename_a_channel()
    {
        var (client, _) = await SignInAsync(_factory, "viewer");
        var csrf = await CsrfAsync(client, "/admin/reports/channels");

        using var add = await PostAsync(client, "/admin/reports/channels?handler=Add", ("__csrf", csrf), ("Name", "Bluesky"));
        using var rename = await PostAsync(client, "/admin/reports/channels?handler=Rename", ("__csrf", csrf), ("Channel", "other"), ("Name", "Mastodon"));

        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rename.StatusCode);
        Assert.Equal(7L, await ScalarAsync<long>(_factory, "SELECT count(*) FROM channels"));
        Assert.Equal("Other channel (unnamed)", await ScalarAsync<string>(_factory, "SELECT name FROM channels WHERE key = 'other'"));
        Assert.DoesNotContain("Add the channel", await HtmlAsync(client, "/admin/reports/channels"));
    }

    [Fact]
    public async Task An_editor_enters_and_imports_the_activity_reports_facts_and_the_page_shows_2023_in_numbers_with_their_source()
    {
        await using var factory = new CecopWebFactory();
        var (client, _) = await SignInAsync(factory, "editor");
        using (var set = await PostAsync(client, "/admin/reports/past-email?handler=Set", ("__csrf", await CsrfAsync(client, "/admin/reports/past-email")),
                   ("Year", "2023"), ("Publication", "cecop-newsletter"), ("Figure", "subscribers"), ("Value", "3495"), ("Source", "CECOP activity report 2023")))
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var list = await HtmlAsync(client, "/admin/reports/past-email");
        Assert.Contains("Subscribers at year end: CECOP Newsletter 2023: 3,495 recorded (source: CECOP activity report 2023).", list);

        var csv = "year,publication,figure,value,source\n2023,cecop-newsletter,reach,3496,CECOP activity report 2023\n2023,cecop-link,editions,9,CECOP activity report 2023\n"
            + "2023,cecop-newsletter,editions,1,CECOP activity report 2023\n2023,cecop-link,editions,nine,CECOP activity report 2023\n";
        var page = await UploadAsync(client, "/admin/reports/past-email", csv, "past-2023.csv");
        Assert.Contains("past-2023.csv: 4 rows read, 3 figures recorded, 1 rejected.", page);
        Assert.Contains("<li>past-2023.csv: line 5, value: the value &#x27;nine&#x27; is not a whole number", page.Replace("'", "&#x27;"));
        Assert.Contains("channels.csv: 13 rows read, 13 figures recorded, 0 rejected.",
            await UploadAsync(client, "/admin/reports/channels", File.ReadAllText(SyntheticYear.RepositoryFile("samples/channels.csv")), "channels.csv"));

        var report = await HtmlAsync(client, "/admin/reports?Year=2023&Compare=2022&Culture=fr-BE");
        string Row(string label) => System.Text.RegularExpressions.Regex.Match(report, $">{System.Text.RegularExpressions.Regex.Escape(label)}</a></th>(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var source = "<td>CECOP activity report 2023</td>";
        Assert.Equal($"<td class=\"number\">no data</td><td class=\"number\">3 495</td><td class=\"number\">n/a</td>{source}", Squeeze(Row("Subscribers at the end of the period: CECOP Newsletter")));
        Assert.Equal($"<td class=\"number\">no data</td><td class=\"number\">3 496</td><td class=\"number\">n/a</td>{source}", Squeeze(Row("People reached: CECOP Newsletter")));
        Assert.Equal($"<td class=\"number\">no data</td><td class=\"number\">9</td><td class=\"number\">n/a</td>{source}", Squeeze(Row("Editions sent: CECOP Link")));
        Assert.Equal($"<td class=\"number\">no data</td><td class=\"number\">1</td><td class=\"number\">n/a</td>{source}", Squeeze(Row("Editions sent: CECOP Newsletter")));
        Assert.Equal("<td class=\"number\">5 426</td><td class=\"number\">5 573</td><td class=\"number\">+2,7%</td><td>CECOP activity report 2023</td>", Squeeze(Row("Twitter / X followers")));
        Assert.Contains("<td class=\"number\">+2,8%</td>", Squeeze(Row("Facebook followers")));
        Assert.Contains("<td class=\"number\">+51,0%</td>", Squeeze(Row("LinkedIn followers")));
        Assert.Contains("<td class=\"number\">+2,7%</td>", Squeeze(Row("Other channel (unnamed) followers")));
    }

    [Fact]
    public async Task The_databases_own_figure_wins_and_the_page_says_which_entered_figure_it_did_not_use()
    {
        var (client, _) = await SignInAsync(_factory, "editor");
        using (var set = await PostAsync(client, "/admin/reports/past-email?handler=Set", ("__csrf", await CsrfAsync(client, "/admin/reports/past-email")),
                   ("Year", "2023"), ("Publication", "cecop-newsletter"), ("Figure", "subscribers"), ("Value", "9999"), ("Source", "A guess")))
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        var report = await HtmlAsync(client, "/admin/reports?Year=2023");

        Assert.Contains("<td class=\"number\">3,495</td>", report);
        Assert.DoesNotContain("<td class=\"number\">9,999</td>", report);
        Assert.Contains("Subscribers at the end of the period: CECOP Newsletter, 2023: 9,999 entered (source: A guess); the report shows CecopComms&#x27; own figure.",
            report.Replace("'", "&#x27;"));
    }

    [Fact]
    public async Task A_viewer_reads_past_email_figures_but_cannot_enter_or_import_them()
    {
        var (client, _) = await SignInAsync(_factory, "viewer");
        var csrf = await CsrfAsync(client, "/admin/reports/past-email");

        using var set = await PostAsync(client, "/admin/reports/past-email?handler=Set", ("__csrf", csrf),
            ("Year", "2019"), ("Publication", ""), ("Figure", "subscribers"), ("Value", "1"), ("Source", "made up"));
        using var form = new MultipartFormDataContent { { new StringContent(csrf), "__csrf" }, { new StringContent("year,publication,figure,value,source\n2019,all,reach,1,made up\n"), "Upload", "p.csv" } };
        using var import = await client.PostAsync("/admin/reports/past-email?handler=Import", form);

        Assert.Equal(HttpStatusCode.Forbidden, set.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Equal(0L, await ScalarAsync<long>(_factory, "SELECT count(*) FROM past_email_figures"));
        Assert.DoesNotContain("Record the figure", await HtmlAsync(client, "/admin/reports/past-email"));
    }

    // The row as read: no space between cells, entities decoded ("&#x2B;2,7%" is +2,7%; fr-BE groups thousands with a narrow no-break space).
    private static string Squeeze(string html) => WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, @">\s+<", "><").Trim()).Replace('\u202F', ' ');

    private static async Task<string> UploadAsync(HttpClient client, string page, string csv, string name)
    {
        using var form = new MultipartFormDataContent { { new StringContent(await CsrfAsync(client, page)), "__csrf" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Upload", name);
        using var response = await client.PostAsync(page + "?handler=Import", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
