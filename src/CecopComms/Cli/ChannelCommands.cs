using System.CommandLine;
using System.Globalization;
using CecopComms.Reach.Channels;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>
/// cecop channels set|import|list|history: figures from outside the engine (followers, website users) with their source;
/// cecop channels names|add|rename: the channels they are kept for.
/// </summary>
public static class ChannelCommands
{
    public static Command Create() => new("channels", "Channel figures from outside the engine (Twitter / X, Facebook, LinkedIn, website…), each with its source; history kept.")
    {
        Set(), Import(), List(), History(), Names(), Add(), Rename(),
    };

    private static Command Set()
    {
        var channel = new Argument<string>("channel") { Description = "A channel's key or name: twitter, \"Twitter / X\", bluesky (see `cecop channels names`)." };
        var metric = new Argument<string>("metric") { Description = $"One of: {string.Join(", ", ChannelCatalogue.Metrics)}." };
        var year = new Argument<int>("year") { Description = "The year the figure is for (e.g. the count at the end of 2023)." };
        var value = new Argument<long>("value") { Description = "A whole number, without separators: 5573." };
        var source = new Option<string>("--source") { Description = "Where the number comes from: \"X analytics\", \"CECOP activity report 2023\".", Required = true };
        var command = new Command("set", "Enter a channel figure; an earlier entry for the same channel, metric and year is kept as history.") { channel, metric, year, value, source, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var figure = await services.GetRequiredService<ChannelFigureStore>().SetAsync(parse.GetValue(channel)!, parse.GetValue(metric)!, parse.GetValue(year),
                parse.GetValue(value), parse.GetValue(source)!, Environment.UserName, ct);
            if (parse.WantsJson()) WriteJson(figure);
            else Line($"{figure.Label} {figure.Year}: {figure.Value.ToString("N0", CultureInfo.InvariantCulture)} (source: {figure.Source}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Import() => ImportCommand("CSV with the columns channel, metric, year, value, source (header row first).",
        "Import channel figures from CSV; bad rows are reported with their line and do not stop the good ones.",
        (services, path, by, ct) => services.GetRequiredService<ChannelImporter>().ImportAsync(path, by, ct));

    /// <summary>An import of a figure file: each refused row named by its line, the good rows kept.</summary>
    internal static Command ImportCommand(string file, string description, Func<IServiceProvider, string, string, CancellationToken, Task<ChannelImportResult>> import)
    {
        var argument = new Argument<string>("file") { Description = file };
        var command = new Command("import", description) { argument, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var path = parse.GetValue(argument)!;
            var result = await import(services, path, $"{Environment.UserName} (import of {Path.GetFileName(path)})", ct);
            if (parse.WantsJson())
            {
                WriteJson(result);
                return ExitCodes.Success;
            }
            Line($"{result.RowsRead} rows read, {result.Imported} figures recorded, {result.Errors.Count} rejected.");
            foreach (var error in result.Errors) Error($"{Path.GetFileName(path)}: {error}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var year = new Option<int?>("--year") { Description = "Only this year's figures." };
        var command = new Command("list", "The current figure of each channel, metric and year (the latest entry).") { year, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var figures = await services.GetRequiredService<ChannelFigureStore>().CurrentAsync(parse.GetValue(year), ct);
            if (parse.WantsJson()) WriteJson(figures);
            else Write(figures.Aggregate(Table("channel", "metric", "year", "value", "source", "entered", "by"),
                (table, f) => table.Row(f.ChannelName, f.Metric, f.Year, f.Value, f.Source, f.EnteredAt, f.EnteredBy)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command History()
    {
        var channel = new Option<string?>("--channel") { Description = "Only this channel." };
        var command = new Command("history", "Every entry, superseded ones included, newest first for each channel, metric and year.") { channel, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var figures = await services.GetRequiredService<ChannelFigureStore>().HistoryAsync(parse.GetValue(channel), ct);
            if (parse.WantsJson())
            {
                WriteJson(figures);
                return ExitCodes.Success;
            }
            var table = Table("channel", "metric", "year", "value", "source", "entered", "by", "in use");
            (string, string, int)? previous = null;
            foreach (var f in figures)
            {
                // Newest first within a key: the first row of each key is the one reports read.
                var key = (f.Channel, f.Metric, f.Year);
                table.Row(f.ChannelName, f.Metric, f.Year, f.Value, f.Source, f.EnteredAt, f.EnteredBy, previous != key ? "yes" : "superseded");
                previous = key;
            }
            Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Names()
    {
        var command = new Command("names", "The channels figures are kept for, in report order: the key to type and the name reports show.") { CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var channels = await services.GetRequiredService<ChannelStore>().ListAsync(ct);
            if (parse.WantsJson()) WriteJson(channels);
            else Write(channels.Aggregate(Table("key", "name"), (table, c) => table.Row(c.Key, c.Name)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "The channel's name as reports show it: Bluesky, Mastodon." };
        var command = new Command("add", "Add a channel to keep figures for; it comes last in reports.") { name, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var channel = await services.GetRequiredService<ChannelStore>().AddAsync(parse.GetValue(name)!, Environment.UserName, ct);
            if (parse.WantsJson()) WriteJson(channel);
            else Line($"Added the channel {channel.Name} (key {channel.Key}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Rename()
    {
        var channel = new Argument<string>("channel") { Description = "The channel's key or current name: other, \"Other channel (unnamed)\"." };
        var name = new Argument<string>("name") { Description = "Its new name as reports show it." };
        var command = new Command("rename", "Rename a channel; its figures stay and reports show them under the new name.") { channel, name, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var renamed = await services.GetRequiredService<ChannelStore>().RenameAsync(parse.GetValue(channel)!, parse.GetValue(name)!, Environment.UserName, ct);
            if (parse.WantsJson()) WriteJson(renamed);
            else Line($"The channel {renamed.Key} is now named {renamed.Name}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
