using System.Globalization;
using System.Net;
using System.Text;
using CecopComms.Reach.Reports;

namespace CecopComms.Reach.Formats;

/// <summary>
/// The year report as one self-contained HTML file a funder can read at a glance: headline figures, inline SVG charts
/// (each channel over the years, subscribers over time, editions per month), every figure with growth and source, and
/// how each is computed. Inline CSS only; no script, font, image or stylesheet is fetched.
/// </summary>
public static class YearReportHtml
{
    private const string Style = """
        body{margin:0;background:#F5F5F5;color:#202124;font:16px/1.5 "Segoe UI",Helvetica,Arial,sans-serif}
        main{max-width:960px;margin:0 auto;padding:24px 16px;background:#FFFFFF}
        header{border-bottom:6px solid #A6192E;margin-bottom:16px}
        h1{font-size:28px;margin:0 0 4px;color:#A6192E}
        h2{font-size:21px;margin:32px 0 8px;border-bottom:1px solid #DADCE0}
        h3{font-size:16px;margin:8px 0}
        .meta{color:#3C4043;margin:0 0 12px}
        .glance{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px;margin:16px 0}
        .glance div{border:1px solid #DADCE0;border-left:6px solid #1F4E79;padding:8px 12px}
        .glance strong{display:block;font-size:28px;color:#1F4E79}
        .channels{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:16px}
        figure{margin:0}
        figcaption{font-weight:600;margin-bottom:4px}
        .table{overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-size:14px}
        th,td{border-bottom:1px solid #DADCE0;padding:4px 6px;text-align:left;vertical-align:top}
        td.n,th.n{text-align:right;white-space:nowrap}
        tr.section th{background:#F1F3F4;font-size:15px}
        .up{color:#1E6B30}.down{color:#A6192E}
        dl dt{font-weight:600;margin-top:8px}dl dd{margin:0 0 0 16px}
        """;

    public static string Write(YearReport report)
    {
        var culture = ReportCulture.Get(report.Culture);
        var html = new StringBuilder();
        var lang = report.Culture[..2];
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{E(report.Title)}</title>\n<style>{Style}</style>\n</head>\n<body>\n<main id=\"report\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<header><h1>{E(report.Title)}</h1><p class=\"meta\">Periods: {E(string.Join(", ", report.Periods.Select(p => p.Label)))} ({E(report.TimeZone)}). Generated {E(report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC by CecopComms from its own data and the channel figures entered by staff.</p></header>\n");

        Glance(html, report, culture);

        if (report.ChannelSeries.Count > 0)
        {
            html.Append("<section><h2>Channels over the years</h2><div class=\"channels\">\n");
            for (var i = 0; i < report.ChannelSeries.Count; i++)
            {
                var series = report.ChannelSeries[i];
                html.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{E(series.Name)}</figcaption>");
                html.Append(SvgCharts.Bars($"channel-{i}", series.Name, series, culture, SvgCharts.Colours[i % SvgCharts.Colours.Length]));
                html.Append("</figure>\n");
            }
            html.Append("</div></section>\n");
        }
        html.Append("<section><h2>Subscribers over time</h2><figure><figcaption>Confirmed subscribers of each list at the end of each month</figcaption>");
        html.Append(SvgCharts.Lines("subscribers", "Subscribers per list at the end of each month", report.SubscriberSeries, culture, "subscribers"));
        html.Append("</figure></section>\n<section><h2>Editions per month</h2><figure><figcaption>Editions sent in each month, per publication</figcaption>");
        html.Append(SvgCharts.StackedBars("editions", "Editions sent per month", report.EditionSeries, culture, "editions"));
        html.Append("</figure></section>\n");

        Figures(html, report, culture);

        html.Append("<section><h2>How each figure is computed</h2><dl>\n");
        foreach (var (key, text) in report.Definitions)
            html.Append(CultureInfo.InvariantCulture, $"<dt id=\"def-{E(key)}\">{E(key)}</dt><dd>{E(text)}</dd>\n");
        html.Append("</dl></section>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Glance(StringBuilder html, YearReport report, CultureInfo culture)
    {
        var last = report.Periods.Count - 1;
        var picks = report.Figures.Where(f => f.Key is "reach" or "delivered" || f.Key.StartsWith("editions.", StringComparison.Ordinal)
            || f.Key.StartsWith("subscribers.", StringComparison.Ordinal) || f.Section == "Channels")
            .Where(f => f.Values[last] is > 0).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<section aria-label=\"At a glance\"><h2>{E(report.Periods[last].Label)} at a glance</h2><div class=\"glance\">\n");
        foreach (var figure in picks)
        {
            var growth = figure.Growths[last] is { } g ? $" <span class=\"{(g >= 0 ? "up" : "down")}\">{E(Growth.Text(g, culture))}</span>" : "";
            html.Append(CultureInfo.InvariantCulture, $"<div><strong>{E(ReportCulture.Value(figure.Values[last], culture))}</strong>{E(figure.Label)}{growth}</div>\n");
        }
        html.Append("</div></section>\n");
    }

    private static void Figures(StringBuilder html, YearReport report, CultureInfo culture)
    {
        html.Append("<section><h2>Every figure</h2><div class=\"table\"><table>\n<thead><tr><th scope=\"col\">Figure</th>");
        foreach (var p in report.Periods) html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\" class=\"n\">{E(p.Label)}</th>");
        foreach (var p in report.Periods.Skip(1)) html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\" class=\"n\">Growth {E(p.Label)}</th>");
        html.Append("<th scope=\"col\">Source</th></tr></thead>\n<tbody>\n");
        string? section = null;
        var columns = report.Periods.Count * 2 + 1;
        foreach (var figure in report.Figures)
        {
            if (figure.Section != section)
            {
                section = figure.Section;
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"section\"><th colspan=\"{columns}\" scope=\"rowgroup\">{E(section)}</th></tr>\n");
            }
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\"><a href=\"#def-{E(figure.Definition)}\">{E(figure.Label)}</a></th>");
            foreach (var v in figure.Values) html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{E(ReportCulture.Value(v, culture))}</td>");
            foreach (var g in figure.Growths.Skip(1)) html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{E(Growth.Text(g, culture))}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(figure.SourceTextOf(report.Periods))}</td></tr>\n");
        }
        html.Append("</tbody></table></div>");
        if (!report.Tracked) html.Append("<p>Opens and clicks were not tracked in these periods (Tracking:Enabled is off), so they are shown as –.</p>");
        html.Append("</section>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
