using CecopComms.Reach.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CecopComms.Reach.Formats;

/// <summary>The year report as console tables (Spectre.Console): the figures, then how each is computed.</summary>
public static class YearReportTable
{
    public static IRenderable Build(YearReport report)
    {
        var culture = ReportCulture.Get(report.Culture);
        var table = new Table().Border(TableBorder.Rounded).Title(new TableTitle(Markup.Escape(report.Title)));
        table.AddColumn(new TableColumn(new Text("figure")));
        foreach (var period in report.Periods) table.AddColumn(new TableColumn(new Text(period.Label)).RightAligned());
        foreach (var period in report.Periods.Skip(1)) table.AddColumn(new TableColumn(new Text($"growth {period.Label}")).RightAligned());
        table.AddColumn(new TableColumn(new Text("source")));
        string? section = null;
        foreach (var figure in report.Figures)
        {
            if (figure.Section != section)
            {
                section = figure.Section;
                table.AddRow(new IRenderable[] { new Text(section, new Style(decoration: Decoration.Bold)) }
                    .Concat(Enumerable.Repeat<IRenderable>(new Text(""), report.Periods.Count * 2)).ToArray());
            }
            var cells = new List<IRenderable> { new Text("  " + figure.Label) };
            cells.AddRange(figure.Values.Select(v => new Text(ReportCulture.Value(v, culture))));
            cells.AddRange(figure.Growths.Skip(1).Select(g => new Text(Growth.Text(g, culture))));
            cells.Add(new Text(figure.SourceTextOf(report.Periods)));
            table.AddRow(cells.ToArray());
        }
        var definitions = new Rows(new IRenderable[] { new Text("How each figure is computed", new Style(decoration: Decoration.Bold)) }
            .Concat(report.Definitions.Select(d => new Text($"- {d.Value}"))).ToArray());
        return new Rows(table, new Text($"Periods in {report.TimeZone}; generated {Storage.DbTime.ToText(report.GeneratedAt)}." + Environment.NewLine), definitions);
    }
}
