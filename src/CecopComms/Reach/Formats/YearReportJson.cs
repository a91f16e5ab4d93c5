using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CecopComms.Reach.Reports;

namespace CecopComms.Reach.Formats;

/// <summary>
/// The year report as JSON for scripts: periods with their UTC bounds, and each figure with its value, growth (a number
/// and the culture's text) and source per period, keyed by period label; null where there is none.
/// </summary>
public static class YearReportJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(YearReport report)
    {
        var culture = ReportCulture.Get(report.Culture);
        var figures = new JsonArray();
        foreach (var figure in report.Figures)
        {
            var values = new JsonObject();
            var growth = new JsonObject();
            var sources = new JsonObject();
            for (var i = 0; i < report.Periods.Count; i++)
            {
                var label = report.Periods[i].Label;
                values[label] = figure.Values[i];
                sources[label] = figure.Sources[i];
                if (i > 0)
                    growth[label] = figure.Growths[i] is { } g
                        ? new JsonObject { ["percent"] = g, ["text"] = Growth.Text(g, culture) }
                        : null;
            }
            figures.Add(new JsonObject
            {
                ["key"] = figure.Key, ["section"] = figure.Section, ["figure"] = figure.Label,
                ["values"] = values, ["growth"] = growth, ["sources"] = sources, ["definition"] = figure.Definition,
            });
        }
        var root = new JsonObject
        {
            ["title"] = report.Title,
            ["culture"] = report.Culture,
            ["time_zone"] = report.TimeZone,
            ["generated_at"] = Storage.DbTime.ToText(report.GeneratedAt),
            ["tracked"] = report.Tracked,
            ["periods"] = new JsonArray(report.Periods.Select(p => (JsonNode)new JsonObject
            {
                ["label"] = p.Label, ["year"] = p.Year, ["from"] = Storage.DbTime.ToText(p.From), ["to"] = Storage.DbTime.ToText(p.To),
            }).ToArray()),
            ["figures"] = figures,
            ["definitions"] = new JsonObject(report.Definitions.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))),
        };
        return root.ToJsonString(Options);
    }
}
