using System.CommandLine;
using CecopComms.Audience.Import;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop orgs import and cecop subscribers import: CSV files in, with a progress bar and a result table.</summary>
public static class ImportCommands
{
    public static Command Organisations()
    {
        var (command, file, dryRun, errors, map) = Common("Import member organisations from CSV (name, country, category, website).");
        command.SetRun((parse, services, ct) => RunAsync(
            ActivatorUtilities.CreateInstance<OrganisationImporter>(services).ImportAsync,
            new ImportOptions(parse.GetValue(file)!, null, ParseMap(parse.GetValue(map)!), parse.GetValue(dryRun), parse.GetValue(errors)), services, ct, organisations: true));
        return command;
    }

    public static Command Subscribers()
    {
        var (command, file, dryRun, errors, map) = Common("Import subscribers from CSV into a list (email, name, language, organisation, attributes…).");
        var list = new Option<string>("--list") { Description = "The list the rows are subscribed to.", Required = true };
        var consent = new Option<string?>("--consent") { Description = "The consent wording version recorded for rows without a wording column." };
        command.Options.Add(list);
        command.Options.Add(consent);
        command.SetRun((parse, services, ct) => RunAsync(
            ActivatorUtilities.CreateInstance<SubscriberImporter>(services).ImportAsync,
            new ImportOptions(parse.GetValue(file)!, parse.GetValue(list), ParseMap(parse.GetValue(map)!), parse.GetValue(dryRun), parse.GetValue(errors),
                ConsentWordingVersion: parse.GetValue(consent)), services, ct));
        return command;
    }

    private static (Command, Argument<string>, Option<bool>, Option<string?>, Option<string[]>) Common(string description)
    {
        var file = new Argument<string>("file") { Description = "The CSV file (UTF-8; ',', ';' or tab separated; header row first)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report, but change nothing." };
        var errors = new Option<string?>("--errors") { Description = "Write the rejected rows to this CSV file, as the input has them, with a column saying line, column and reason." };
        var map = new Option<string[]>("--map") { Description = "\"Their Header=field\": read a column as one of our fields (\"-\" ignores it); repeat for several.", DefaultValueFactory = _ => [] };
        return (new Command("import", description) { file, dryRun, errors, map }, file, dryRun, errors, map);
    }

    private static async Task<int> RunAsync(
        Func<ImportOptions, IProgress<ImportProgress>?, CancellationToken, Task<ImportResult>> import, ImportOptions options, IServiceProvider services,
        CancellationToken cancellationToken, bool organisations = false)
    {
        var result = await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Reading {Markup.Escape(Path.GetFileName(options.FilePath))}").IsIndeterminate();
                var progress = new ImmediateProgress<ImportProgress>(p =>
                    task.Description = $"{p.RowsRead:N0} rows read, {p.RowsImported:N0} imported, {p.RowsRejected:N0} rejected, {p.RowsPerSecond:N0} rows/s");
                var done = await import(options, progress, cancellationToken);
                task.IsIndeterminate(false).Value(task.MaxValue);
                task.StopTask();
                return done;
            });

        // As the import page records it; a dry run changes nothing and is not an action.
        if (!options.DryRun)
            await CommandLineActivity.RecordAsync(services, "import", options.ListSlug ?? (organisations ? "organisations" : "subscribers"),
                $"{Path.GetFileName(options.FilePath)}: {result.RowsRead} rows read, {result.Inserted} added, {result.Updated} updated, {result.Unchanged} unchanged, {result.Rejected} refused.");

        var perSecond = result.Elapsed.TotalSeconds > 0 ? result.RowsRead / result.Elapsed.TotalSeconds : 0;
        var table = Table(options.DryRun ? "dry run: nothing changed" : "import", "")
            .Row("rows read", result.RowsRead)
            .Row(options.DryRun ? "would insert" : "inserted", result.Inserted)
            .Row(options.DryRun ? "would update" : "updated", result.Updated)
            .Row("unchanged", result.Unchanged);
        // A sheet of contacts names its organisation on every row: the rows after the first are neither imported nor rejected.
        if (organisations) table.Row("already in this file", result.Repeated);
        Write(table
            .Row("rejected", result.Rejected)
            .Row("error report", result.ErrorReportPath ?? (result.Rejected > 0 ? "none asked for (--errors FILE)" : ""))
            .Row("time", $"{result.Elapsed.TotalSeconds:N1} s, {perSecond:N0} rows/s"));
        return ExitCodes.Success;
    }

    private static Dictionary<string, string> ParseMap(string[] pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            var at = pair.LastIndexOf('=');
            if (at <= 0 || at == pair.Length - 1) throw new UsageException($"--map '{pair}' should read \"Their Header=field\".");
            map[pair[..at].Trim()] = pair[(at + 1)..].Trim();
        }
        return map;
    }
}
