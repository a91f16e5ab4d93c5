using System.CommandLine;
using System.Globalization;
using System.Text;
using CecopComms.Reach;
using CecopComms.Reach.Formats;
using CecopComms.Reach.Reports;
using CecopComms.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CecopComms.Cli;

/// <summary>cecop report year|campaign: the figures staff give funders, computed from the engine's data and the channel figures.</summary>
public static class ReportCommands
{
    public static Command Create() => new("report", "Reports: the year in numbers, and a campaign's reach.")
    {
        Year(), Campaign(),
    };

    private static Option<string> Culture()
    {
        var option = new Option<string>("--culture") { Description = "How numbers and growth are written: en-GB (+2.7%), fr-BE or it-IT (+2,7%).", DefaultValueFactory = _ => "en-GB" };
        option.AcceptOnlyFromAmong([.. ReportCulture.Names]);
        return option;
    }

    private static Option<string?> Out() => new("--out") { Description = "Write the report to this file instead of the console." };

    private static Command Year()
    {
        var year = new Argument<int>("year") { Description = "The calendar year, in Scheduling:TimeZone (Europe/Brussels by default)." };
        var compare = new Option<int[]>("--compare") { Description = "Also a year to compare with (growth is given year over year); repeat for several.", DefaultValueFactory = _ => [] };
        var from = new Option<DateOnly?>("--from") { Description = "First day of a custom period (yyyy-MM-dd) instead of the calendar year." };
        var to = new Option<DateOnly?>("--to") { Description = "Last day of the custom period, included." };
        var format = new Option<string>("--format") { Description = "table (default), csv, json, or html (one self-contained file with charts).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json", "html");
        var culture = Culture();
        var output = Out();
        var command = new Command("year", "Subscribers, editions, messages, people reached and channel figures for a year, with growth and sources.")
        {
            year, compare, from, to, format, culture, output,
        };
        command.SetRun(async (parse, services, ct) =>
        {
            var zone = Zone(services);
            var periods = new List<ReportPeriod>();
            if (parse.GetValue(from) is { } first || parse.GetValue(to) is not null)
            {
                if (parse.GetValue(from) is not { } start || parse.GetValue(to) is not { } end)
                    throw new UsageException("A custom period needs both --from and --to (yyyy-MM-dd).");
                if (parse.GetValue(compare)!.Length > 0) throw new UsageException("--compare compares calendar years; it cannot be used with --from and --to.");
                periods.Add(ReportPeriod.Days(start, end, zone));
            }
            else
                periods.AddRange(ReportPeriod.CalendarYears(parse.GetValue(year), parse.GetValue(compare)!, zone));
            var report = await services.GetRequiredService<YearReportBuilder>().BuildAsync(periods, zone, parse.GetValue(culture)!, Tracking(services), ct);
            var text = parse.GetValue(format) switch
            {
                "csv" => YearReportCsv.Write(report),
                "json" => YearReportJson.Write(report),
                "html" => YearReportHtml.Write(report),
                _ => null,
            };
            Emit(text, text is null ? YearReportTable.Build(report) : null, parse.GetValue(output), parse.GetValue(format) == "csv");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Campaign()
    {
        var slug = new Argument<string>("slug") { Description = "The campaign's slug (`cecop campaigns list`)." };
        var format = new Option<string>("--format") { Description = "table (default), csv or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var culture = Culture();
        var output = Out();
        var command = new Command("campaign", "Each mailing of a campaign with recipients, delivered, opens, clicks and unsubscribes, and the campaign's unique reach.")
        {
            slug, format, culture, output,
        };
        command.SetRun(async (parse, services, ct) =>
        {
            var report = await services.GetRequiredService<CampaignReportBuilder>().BuildAsync(parse.GetValue(slug)!, Tracking(services), ct);
            var text = parse.GetValue(format) switch
            {
                "csv" => CampaignReportWriter.Csv(report),
                "json" => CampaignReportWriter.JsonText(report),
                _ => null,
            };
            Emit(text, text is null ? CampaignReportWriter.Table(report, ReportCulture.Get(parse.GetValue(culture)!)) : null, parse.GetValue(output), parse.GetValue(format) == "csv");
            return ExitCodes.Success;
        });
        return command;
    }

    private static TimeZoneInfo Zone(IServiceProvider services) => services.GetRequiredService<IOptions<SchedulingOptions>>().Value.Zone;

    private static bool Tracking(IServiceProvider services) => services.GetRequiredService<IOptions<Delivery.Tracking.TrackingOptions>>().Value.Enabled;

    /// <summary>Writes the text (or the rendered table) to the file, or to the console.</summary>
    private static void Emit(string? text, IRenderable? table, string? path, bool byteOrderMark)
    {
        if (table is not null && path is null)
        {
            ConsoleOutput.Write(table);
            return;
        }
        if (table is not null)
        {
            var writer = new StringWriter(CultureInfo.InvariantCulture);
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
            console.Profile.Width = 200;
            console.Write(table);
            text = writer.ToString();
        }
        if (path is null)
        {
            Console.Out.Write(text);
            return;
        }
        try
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            // A byte order mark lets spreadsheet programs read the accents of a CSV file right.
            File.WriteAllText(full, text, new UTF8Encoding(byteOrderMark));
            ConsoleOutput.Line($"Wrote {full}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReachException($"The report cannot be written to '{path}': {e.Message}");
        }
    }
}
