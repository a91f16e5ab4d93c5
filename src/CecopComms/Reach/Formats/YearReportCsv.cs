using System.Globalization;
using CecopComms.Reach.Reports;
using CsvHelper;

namespace CecopComms.Reach.Formats;

/// <summary>
/// The year report as CSV, one row per figure: section, key, figure, a value column per period (plain digits, for
/// spreadsheets), a growth column per compared period (written in the report's culture, "+2,7%"), source, definition.
/// </summary>
public static class YearReportCsv
{
    public static string Write(YearReport report)
    {
        var culture = ReportCulture.Get(report.Culture);
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture }))
        {
            foreach (var heading in new[] { "section", "key", "figure" }
                         .Concat(report.Periods.Select(p => p.Label))
                         .Concat(report.Periods.Skip(1).Select(p => $"growth {p.Label}"))
                         .Concat(["source", "definition"]))
                csv.WriteField(heading);
            csv.EndRecord();
            foreach (var figure in report.Figures)
            {
                csv.WriteField(figure.Section);
                csv.WriteField(figure.Key);
                csv.WriteField(figure.Label);
                foreach (var value in figure.Values) csv.WriteField(value?.ToString(CultureInfo.InvariantCulture) ?? "");
                foreach (var growth in figure.Growths.Skip(1)) csv.WriteField(Growth.Text(growth, culture));
                csv.WriteField(figure.SourceText);
                csv.WriteField(report.Definitions.GetValueOrDefault(figure.Definition, ""));
                csv.EndRecord();
            }
        }
        return text.ToString();
    }
}
