using System.Text.Json;
using CecopComms.Content.Campaigns;
using CecopComms.Reach.Formats;
using CecopComms.Reach.Reports;

namespace CecopComms.Tests.Reach;

/// <summary>The campaign report: each mailing's counts and the campaign's unique reach, against the synthetic year's own record.</summary>
public sealed class CampaignReportTests
{
    [Fact]
    public async Task Each_mailing_and_the_unique_reach_of_coopskills2023_match_what_was_sent()
    {
        using var year = await SyntheticYear.CreateAsync(channels: false);
        var builder = new CampaignReportBuilder(year.Database, new CampaignStore(year.Database, year.Clock), year.Figures, year.Clock);
        var report = await builder.BuildAsync("coopskills2023", trackingEnabled: false, CancellationToken.None);

        var sent = year.Sent.Where(m => m.Stream == "coopskills2023").OrderBy(m => m.StartedAt).ToList();
        Assert.Equal(["launch", "conference", "report"], report.Mailings.Select(m => m.Slug));
        for (var i = 0; i < sent.Count; i++)
        {
            var line = report.Mailings[i];
            Assert.Equal(sent[i].Id, line.MailingId);
            Assert.Equal(sent[i].SentTo.Count, line.Sent);
            Assert.Equal(sent[i].Delivered.Count(), line.Delivered);
            Assert.Equal(sent[i].Opened.Count, line.Opened);
            Assert.Equal(sent[i].Clicked.Count, line.Clicked);
            Assert.Equal(sent[i].Unsubscribed.Count, line.Unsubscribed);
            Assert.True(line.Recipients > line.Sent, "some recipients were refused");
        }
        Assert.Null(report.Mailings[2].Sent);
        Assert.Null(report.Mailings[2].SentAt);
        var reach = sent.SelectMany(m => m.Delivered).Distinct().Count();
        Assert.Equal(reach, report.UniqueReach);
        Assert.True(reach < report.Delivered, "people who got both mailings are counted once in the reach");
        Assert.True(report.Tracked, "opens were recorded, so they are shown even with Tracking:Enabled off");

        var csv = CampaignReportWriter.Csv(report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("mailing,title,planned,sent at,recipients,sent,delivered,bounced,opens,clicks,unsubscribes,unique reach", csv[0]);
        Assert.EndsWith($",{reach}", csv[^1]);
        Assert.Contains(",not sent,", csv[3]);
        using var json = JsonDocument.Parse(CampaignReportWriter.JsonText(report));
        Assert.Equal(reach, json.RootElement.GetProperty("unique_reach").GetInt64());
        Assert.Equal(3, json.RootElement.GetProperty("mailings").GetArrayLength());
    }
    [Fact]
    public async Task A_mailing_title_that_a_spreadsheet_would_run_as_a_formula_is_escaped_in_the_csv()
    {
        using var year = await SyntheticYear.CreateAsync(channels: false);
        const string Hostile = "=HYPERLINK(\"http://evil.example/x\",\"click\")";
        await using (var connection = await year.Database.OpenAsync())
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE campaign_mailings SET title = @Hostile WHERE slug = 'launch'", new { Hostile });
        var builder = new CampaignReportBuilder(year.Database, new CampaignStore(year.Database, year.Clock), year.Figures, year.Clock);
        var report = await builder.BuildAsync("coopskills2023", trackingEnabled: false, CancellationToken.None);

        using var reader = CsvHelper.CsvReader.FromText(CampaignReportWriter.Csv(report));
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        Assert.Equal("'" + Hostile, rows.Single(r => r[0] == "launch")[1]);
        Assert.DoesNotContain(rows.SelectMany(r => r), c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r');
    }
}
