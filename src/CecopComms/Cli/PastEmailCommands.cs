using System.CommandLine;
using System.Globalization;
using CecopComms.Reach.Past;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop past-email set|import|list: e-mail figures of the years before the engine, from CECOP's records, with their source.</summary>
public static class PastEmailCommands
{
    public static Command Create() => new("past-email", "E-mail figures of the years before CecopComms (subscribers at year end, editions sent, people reached), each with its source; used by reports only where the database has no figure of its own.")
    {
        Set(), Import(), List(),
    };

    private static Command Set()
    {
        var year = new Argument<int>("year") { Description = "The year the figure is for." };
        var figure = new Argument<string>("figure") { Description = $"One of: {string.Join(", ", PastEmailFigureStore.Figures)}." };
        var value = new Argument<long>("value") { Description = "A whole number, without separators: 3495." };
        var publication = new Option<string>("--publication") { Description = $"A publication's slug (cecop-link), or {PastEmailFigureStore.Whole} for the mailing list as a whole.", DefaultValueFactory = _ => PastEmailFigureStore.Whole };
        var source = new Option<string>("--source") { Description = "Where the number comes from: \"CECOP activity report 2023, p. 12\".", Required = true };
        var command = new Command("set", "Enter a past e-mail figure; an earlier entry for the same year, publication and figure is kept as history.") { year, figure, value, publication, source, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var entry = await services.GetRequiredService<PastEmailFigureStore>().SetAsync(parse.GetValue(year), parse.GetValue(publication)!, parse.GetValue(figure)!,
                parse.GetValue(value), parse.GetValue(source)!, Environment.UserName, ct);
            if (parse.WantsJson()) WriteJson(entry);
            else Line($"{entry.Figure} {entry.Year} ({Scope(entry)}): {entry.Value.ToString("N0", CultureInfo.InvariantCulture)} (source: {entry.Source}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Import() => ChannelCommands.ImportCommand(
        "CSV with the columns year, publication, figure, value, source (header row first; publication all or empty for the mailing list as a whole).",
        "Import past e-mail figures from CSV; bad rows are reported with their line and do not stop the good ones.",
        (services, path, by, ct) => services.GetRequiredService<PastEmailImporter>().ImportAsync(path, by, ct));

    private static Command List()
    {
        var year = new Option<int?>("--year") { Description = "Only this year's figures." };
        var command = new Command("list", "The current entry of each year, publication and figure (the latest).") { year, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var figures = await services.GetRequiredService<PastEmailFigureStore>().CurrentAsync(parse.GetValue(year), ct);
            if (parse.WantsJson()) WriteJson(figures);
            else Write(figures.Aggregate(Table("year", "publication", "figure", "value", "source", "entered", "by"),
                (table, f) => table.Row(f.Year, Scope(f), f.Figure, f.Value, f.Source, f.EnteredAt, f.EnteredBy)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Scope(PastEmailFigure figure) => figure.Publication.Length == 0 ? PastEmailFigureStore.Whole : figure.Publication;
}
