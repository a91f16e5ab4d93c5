using System.Net;
using System.Text;
using CecopComms.Audience;
using CecopComms.Audience.Segments;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static CecopComms.Tests.Web.Admin.SendingStaff;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// A segment's people downloaded as CSV from its page: the columns, a name that would be a formula escaped, a name with
/// a comma and quotes read back as written, and the file named after today in Brussels, for viewers too.
/// </summary>
public sealed class SegmentExportTests
{
    // 23:30 UTC on New Year's Eve is already the next day in Brussels.
    private static readonly DateTimeOffset Now = new(2099, 12, 31, 23, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_viewer_downloads_the_segments_people_with_formulas_escaped_and_the_Brussels_date_in_the_file_name()
    {
        await using var factory = new CecopWebFactory { ConfigureServices = s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)) };
        await factory.Services.GetRequiredService<ListStore>().CreateAsync("export-cohort", "Export cohort", "", false, false, false, CancellationToken.None);
        await AddSubscriberAsync(factory, "hostile@example.org", ["export-cohort", "external-newsletter"], member: true, name: "=HYPERLINK(\"https://evil.example\",\"click\")");
        await AddSubscriberAsync(factory, "quoted@example.org", ["export-cohort"], name: "Rossi, Maria \"Mia\"");
        await AddSubscriberAsync(factory, "outside@example.org", ["external-newsletter"]);
        await factory.Services.GetRequiredService<SegmentStore>().CreateAsync("cohort", "Cohort", SegmentFilterParser.Parse(["list=export-cohort"]), CancellationToken.None);
        using var client = await SignInAsync(factory, "viewer");

        Assert.Contains("href=\"/admin/audiences/segments/cohort?handler=export\"", await HtmlAsync(client, "/admin/audiences/segments/cohort"));
        using var response = await client.GetAsync("/admin/audiences/segments/cohort?handler=export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("segment-cohort-2100-01-01.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        // The reader takes the first line as the header; the rows are the people.
        using var reader = CsvReader.FromText(text);
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());

        Assert.Equal("email,name,language,organisation,country,status,lists,attributes,created_at", text[..text.IndexOf('\r')]);
        Assert.Equal(["hostile@example.org", "quoted@example.org"], rows.Select(r => r[0]));
        var hostile = rows[0];
        Assert.Equal("'=HYPERLINK(\"https://evil.example\",\"click\")", hostile[1]);
        Assert.Equal(("Legacoop Produzione e Servizi", "IT", "active", "export-cohort external-newsletter"), (hostile[3], hostile[4], hostile[5], hostile[6]));
        Assert.Equal("Rossi, Maria \"Mia\"", rows[1][1]);
        Assert.Equal(("", "export-cohort"), (rows[1][3], rows[1][6]));
    }

    [Fact]
    public async Task An_unknown_segment_has_no_export()
    {
        await using var factory = new CecopWebFactory();
        using var client = await SignInAsync(factory, "viewer");

        using var response = await client.GetAsync("/admin/audiences/segments/nobody?handler=export");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
