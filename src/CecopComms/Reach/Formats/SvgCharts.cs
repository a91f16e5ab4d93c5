using System.Globalization;
using System.Net;
using System.Text;
using CecopComms.Reach.Reports;

namespace CecopComms.Reach.Formats;

/// <summary>
/// Inline SVG charts drawn here, with no script and nothing fetched: each has a title and a description that states
/// its numbers for screen readers, labelled axes, values written on the marks, and colours with at least 4.5:1
/// contrast on white. They scale to their container through the viewBox.
/// </summary>
public static class SvgCharts
{
    /// <summary>Dark enough on white for text and marks (WCAG AA for text).</summary>
    public static readonly string[] Colours = ["#A6192E", "#1F4E79", "#2E6B30", "#6A1B9A", "#8A4B00", "#37474F"];

    private const string Font = "font-family=\"Segoe UI, Helvetica, Arial, sans-serif\"";

    /// <summary>Vertical bars, one per point (a channel's figure per year), each labelled with its value.</summary>
    public static string Bars(string id, string title, ChartSeries series, CultureInfo culture, string colour)
    {
        const int width = 300, height = 200, left = 10, right = 10, top = 30, bottom = 28;
        var max = Math.Max(1, series.Points.Max(p => p.Value));
        var slot = (width - left - right) / (double)series.Points.Count;
        var barWidth = Math.Min(56, slot * 0.6);
        var description = $"{title}: " + string.Join(", ", series.Points.Select(p => $"{p.Label} {ReportCulture.Value(p.Value, culture)}")) + ".";
        var svg = Open(id, title, description, width, height);
        svg.Append(Line(left, height - bottom, width - right, height - bottom, "#5F6368"));
        for (var i = 0; i < series.Points.Count; i++)
        {
            var point = series.Points[i];
            var barHeight = (height - top - bottom) * point.Value / (double)max;
            var x = left + slot * i + (slot - barWidth) / 2;
            var y = height - bottom - barHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(barWidth)}\" height=\"{N(barHeight)}\" fill=\"{colour}\"><title>{E(point.Label)}: {E(ReportCulture.Value(point.Value, culture))}</title></rect>");
            svg.Append(Text(x + barWidth / 2, y - 6, ReportCulture.Value(point.Value, culture), "middle", 13, "#202124", bold: true));
            svg.Append(Text(x + barWidth / 2, height - bottom + 18, point.Label, "middle", 12, "#3C4043"));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Lines over time (subscribers per list at each month end), with a legend and the last value of each line.</summary>
    public static string Lines(string id, string title, IReadOnlyList<ChartSeries> series, CultureInfo culture, string axis)
    {
        // The last point sits on the right edge and its label is centred on it: the margin holds half a label ("2026-12").
        const int width = 900, height = 300, left = 70, right = 40, top = 20, bottom = 60;
        var points = series.Count == 0 ? 0 : series.Max(s => s.Points.Count);
        var max = NiceMax(series.SelectMany(s => s.Points).Select(p => p.Value).DefaultIfEmpty(0).Max());
        var description = $"{title}. " + string.Join(" ", series.Select(s =>
            $"{s.Name}: {(s.Points.Count > 0 ? $"{ReportCulture.Value(s.Points[0].Value, culture)} at the end of {s.Points[0].Label}, {ReportCulture.Value(s.Points[^1].Value, culture)} at the end of {s.Points[^1].Label}" : "no data")}."));
        var svg = Open(id, title, description, width, height);
        Grid(svg, left, top, width - right, height - bottom, max, culture, axis);
        double X(int i) => left + (points <= 1 ? 0 : (width - left - right) * i / (double)(points - 1));
        double Y(long v) => height - bottom - (height - top - bottom) * v / (double)max;
        var labelEvery = Math.Max(1, (int)Math.Ceiling(points / 12.0));
        if (series.Count > 0)
            for (var i = 0; i < points; i += labelEvery)
                svg.Append(Text(X(i), height - bottom + 18, series[0].Points[i].Label, "middle", 12, "#3C4043"));
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colours[s % Colours.Length];
            var path = string.Join(" ", series[s].Points.Select((p, i) => $"{(i == 0 ? "M" : "L")}{N(X(i))},{N(Y(p.Value))}"));
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"line\" d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"3\"><title>{E(series[s].Name)}</title></path>");
            if (series[s].Points.Count > 0)
            {
                var last = series[s].Points[^1];
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(X(series[s].Points.Count - 1))}\" cy=\"{N(Y(last.Value))}\" r=\"4\" fill=\"{colour}\"/>");
            }
        }
        Legend(svg, series.Select(s => $"{s.Name} ({ReportCulture.Value(s.Points.Count > 0 ? s.Points[^1].Value : 0, culture)})").ToArray(), left, height - 20);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Stacked bars per month (editions sent per publication), with a legend; each bar's total above it.</summary>
    public static string StackedBars(string id, string title, IReadOnlyList<ChartSeries> series, CultureInfo culture, string axis)
    {
        const int width = 900, height = 300, left = 70, right = 20, top = 20, bottom = 60;
        var months = series.Count == 0 ? 0 : series.Max(s => s.Points.Count);
        var totals = Enumerable.Range(0, months).Select(i => series.Sum(s => i < s.Points.Count ? s.Points[i].Value : 0)).ToArray();
        var max = NiceMax(totals.DefaultIfEmpty(0).Max());
        var description = $"{title}. " + string.Join(" ", series.Select(s => $"{s.Name}: {ReportCulture.Value(s.Points.Sum(p => p.Value), culture)} in all"
            + (s.Points.Any(p => p.Value > 0) ? $" ({string.Join(", ", s.Points.Where(p => p.Value > 0).Select(p => $"{p.Label}: {p.Value.ToString(culture)}"))})" : "") + "."));
        var svg = Open(id, title, description, width, height);
        Grid(svg, left, top, width - right, height - bottom, max, culture, axis);
        var slot = months == 0 ? 0 : (width - left - right) / (double)months;
        var barWidth = slot * 0.7;
        var labelEvery = Math.Max(1, (int)Math.Ceiling(months / 12.0));
        for (var i = 0; i < months; i++)
        {
            var x = left + slot * i + (slot - barWidth) / 2;
            double stacked = 0;
            for (var s = 0; s < series.Count; s++)
            {
                var value = i < series[s].Points.Count ? series[s].Points[i].Value : 0;
                if (value == 0) continue;
                var h = (height - top - bottom) * value / (double)max;
                stacked += h;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"bar\" x=\"{N(x)}\" y=\"{N(height - bottom - stacked)}\" width=\"{N(barWidth)}\" height=\"{N(h)}\" fill=\"{Colours[s % Colours.Length]}\"><title>{E(series[s].Name)}, {E(series[s].Points[i].Label)}: {value.ToString(culture)}</title></rect>");
            }
            if (totals[i] > 0) svg.Append(Text(x + barWidth / 2, height - bottom - stacked - 5, totals[i].ToString(culture), "middle", 12, "#202124", bold: true));
            if (i % labelEvery == 0) svg.Append(Text(x + barWidth / 2, height - bottom + 18, series[0].Points[i].Label, "middle", 12, "#3C4043"));
        }
        Legend(svg, series.Select(s => s.Name).ToArray(), left, height - 20);
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, string title, string description, int width, int height) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" {Font}>")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#FFFFFF\"/>");

    private static void Grid(StringBuilder svg, int left, int top, int right, int bottom, long max, CultureInfo culture, string axis)
    {
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = max * tick / 4;
            var y = bottom - (bottom - top) * tick / 4.0;
            svg.Append(Line(left, y, right, y, tick == 0 ? "#5F6368" : "#DADCE0"));
            svg.Append(Text(left - 8, y + 4, value.ToString("N0", culture), "end", 12, "#3C4043"));
        }
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"14\" y=\"{N((top + bottom) / 2.0)}\" transform=\"rotate(-90 14 {N((top + bottom) / 2.0)})\" text-anchor=\"middle\" font-size=\"12\" fill=\"#3C4043\">{E(axis)}</text>");
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<string> names, int left, int y)
    {
        double x = left;
        for (var i = 0; i < names.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{y - 10}\" width=\"12\" height=\"12\" fill=\"{Colours[i % Colours.Length]}\"/>");
            svg.Append(Text(x + 16, y, names[i], "start", 12, "#202124"));
            x += 30 + names[i].Length * 7;
        }
    }

    private static long NiceMax(long max)
    {
        if (max <= 4) return 4;
        var magnitude = (long)Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 4, 5, 10 })
            if (step * magnitude >= max) return step * magnitude;
        return 10 * magnitude;
    }

    private static string Line(double x1, double y1, double x2, double y2, string colour) =>
        string.Create(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{colour}\" stroke-width=\"1\"/>");

    private static string Text(double x, double y, string text, string anchor, int size, string colour, bool bold = false) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"{size}\"{(bold ? " font-weight=\"600\"" : "")} fill=\"{colour}\">{E(text)}</text>");

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
