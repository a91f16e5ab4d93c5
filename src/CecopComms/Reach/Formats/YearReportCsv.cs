using System.Globalization;
using CecopComms.Reach.Reports;
using CecopComms.Audience.Import.Csv;
using CsvHelper;

namespace CecopComms.Reach.Formats;

/// <summary>
/// The year report as CSV, one row per figure: section, key, figure, a value column per period (plain digits, for
/// spreadsheets), a growth column per compared period (written in the report's culture, "+2,7%"), source, definition.
/// Text is written through <see cref="SpreadsheetCsv"/>; values and growths are written as numbers, so "-1,5%" stays a number.
/// </summary>
public static class YearReportCsv
{
    // Growth.Text's "+2,7%" / "-1,5%" / "0,0%" as a number format: its signs are written, not escaped as formula text.
    private const string GrowthFormat = "'+'0.0'%';'-'0.0'%';0.0'%'";

    public static string Write(YearReport report)
    {
        var culture = ReportCulture.Get(report.Culture);
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, SpreadsheetCsv.Options))
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
                // Numbers as numbers: a spreadsheet can sum them, and formula escaping leaves them alone.
                foreach (var value in figure.Values)
                    if (value is { } number) csv.WriteField(number, "D");
                    else csv.WriteField("");
                foreach (var growth in figure.Growths.Skip(1))
                    if (growth is { } percent) csv.WriteField(percent, GrowthFormat, culture);
                    else csv.WriteField(Growth.Text(null, culture));
                csv.WriteField(figure.SourceTextOf(report.Periods));
                csv.WriteField(report.Definitions.GetValueOrDefault(figure.Definition, ""));
                csv.EndRecord();
            }
        }
        return text.ToString();
    }
}
