using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CecopComms.Reach.Reports;
using CsvHelper;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CecopComms.Reach.Formats;

/// <summary>The campaign report as a console table, CSV (one row per mailing, then the totals) or JSON.</summary>
public static class CampaignReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly string[] Headings = ["mailing", "title", "planned", "sent at", "recipients", "sent", "delivered", "bounced", "opens", "clicks", "unsubscribes"];

    public static IRenderable Table(CampaignReport report, CultureInfo culture)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(new TableTitle(Markup.Escape($"{report.Hashtag}: {report.Name} ({report.StartsOn} – {report.EndsOn})")));
        foreach (var heading in Headings) table.AddColumn(new TableColumn(new Text(heading)));
        foreach (var line in Rows(report, culture)) table.AddRow(line.Select(c => (IRenderable)new Text(c)).ToArray());
        return new Rows(table, new Text($"Unique reach of the campaign: {ReportCulture.Value(report.UniqueReach, culture)} people." + Environment.NewLine),
            new Rows(report.Definitions.Values.Select(d => (IRenderable)new Text("- " + d)).ToArray()));
    }

    public static string Csv(CampaignReport report)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Audience.Import.Csv.SpreadsheetCsv.Options))
        {
            foreach (var heading in Headings.Append("unique reach")) csv.WriteField(heading);
            csv.EndRecord();
            foreach (var line in Rows(report, CultureInfo.InvariantCulture, plain: true))
            {
                foreach (var cell in line) csv.WriteField(cell);
                csv.WriteField(line[0] == "total" ? report.UniqueReach.ToString(CultureInfo.InvariantCulture) : "");
                csv.EndRecord();
            }
        }
        return text.ToString();
    }

    public static string JsonText(CampaignReport report) => JsonSerializer.Serialize(report, Json);

    private static IEnumerable<string[]> Rows(CampaignReport report, CultureInfo culture, bool plain = false)
    {
        string V(long? v) => plain ? v?.ToString(CultureInfo.InvariantCulture) ?? "" : ReportCulture.Value(v, culture);
        string O(long? v) => report.Tracked ? V(v) : plain ? "" : "–";
        foreach (var m in report.Mailings)
            yield return [m.Slug, m.Title, Storage.DbTime.ToText(m.PlannedAt), m.SentAt is { } at ? Storage.DbTime.ToText(at) : "not sent",
                V(m.Recipients), V(m.Sent), V(m.Delivered), V(m.Bounced), O(m.Opened), O(m.Clicked), V(m.Unsubscribed)];
        yield return ["total", "", "", "", V(report.Recipients), V(report.Sent), V(report.Delivered), V(report.Bounced), O(report.Opened), O(report.Clicked), V(report.Unsubscribed)];
    }
}
