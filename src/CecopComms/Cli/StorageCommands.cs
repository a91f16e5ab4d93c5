using System.CommandLine;
using CecopComms.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop storage copy: the move from the embedded SQLite file to a PostgreSQL database several nodes share.</summary>
public static class StorageCommands
{
    public static Command Create() => new("storage", "The database itself: move a SQLite deployment to PostgreSQL.")
    {
        Copy(),
    };

    private static Command Copy()
    {
        var to = new Option<string>("--to")
        {
            Description = "The empty PostgreSQL database to copy into, as an Npgsql connection string: \"Host=db;Database=cecop;Username=cecop;Password=…\".",
            Required = true,
        };
        var command = new Command("copy",
            "Copy the configured SQLite database (it may keep running) into an empty PostgreSQL database, in one transaction, and check every table's count. " +
            "Then set Storage:Provider=postgres and Storage:ConnectionString on every node.") { to, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var copy = ActivatorUtilities.CreateInstance<StorageCopy>(services);
            var json = parse.WantsJson();
            IReadOnlyList<CopiedTable> tables;
            if (json) tables = await copy.CopyAsync(parse.GetValue(to)!, null, ct);
            else
            {
                tables = await AnsiConsole.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                        var progress = new ImmediateProgress<StorageCopyProgress>(p =>
                        {
                            if (!bars.TryGetValue(p.Table, out var bar))
                            {
                                foreach (var done in bars.Values) done.StopTask();
                                bars[p.Table] = bar = context.AddTask(Markup.Escape(p.Table), maxValue: Math.Max(1, p.Total));
                            }
                            bar.Value = p.Total == 0 ? 1 : p.Copied;
                            bar.Description = $"{Markup.Escape(p.Table)} {p.Copied:N0}/{p.Total:N0}";
                        });
                        var result = await copy.CopyAsync(parse.GetValue(to)!, progress, ct);
                        foreach (var bar in bars.Values) bar.StopTask();
                        return result;
                    });
            }
            if (json) WriteJson(tables);
            else
            {
                Write(tables.Aggregate(Table("table", "rows in SQLite", "rows in PostgreSQL"), (table, t) => table.Row(t.Table, t.Source, t.Target)));
                Line($"Copied {tables.Sum(t => t.Source):N0} rows in {tables.Count} tables; every count matches. Set Storage:Provider=postgres and Storage:ConnectionString on each node.");
                var key = Path.Combine(Path.GetDirectoryName(services.GetRequiredService<Database>().FilePath)!, Delivery.TokenKey.FileName);
                Line(File.Exists(key)
                    ? $"Links in mail already sent are signed with the key in {key}: set Delivery:TokenSecret to its contents on every node, so they keep working."
                    : "Keep Delivery:TokenSecret as it is on every node, so links in mail already sent keep working.");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
