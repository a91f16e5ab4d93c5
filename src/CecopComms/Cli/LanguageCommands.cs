using System.CommandLine;
using CecopComms.Localization;
using Microsoft.Extensions.Configuration;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>
/// cecop languages list|check: the languages readers get pages and mails in (Languages:Shipped) and what each lacks
/// against English. Both read only the settings, so they answer when a language would stop <c>cecop serve</c>.
/// </summary>
public static class LanguageCommands
{
    public static Command Create() => new("languages", "The languages public pages and system mails are shipped in, and the words each lacks (docs/languages.md).")
    {
        List(), Check(),
    };

    private static Command List()
    {
        var command = new Command("list", "List the shipped languages: tag, name in itself, words in its file and words missing.") { CliOptions.Format };
        command.SetRunWithSettings((parse, configuration, _) =>
        {
            var reports = Reports(configuration);
            if (parse.WantsJson()) WriteJson(reports.Select(r => new { r.Tag, r.Name, r.File, r.Words, missing = r.Missing.Count }));
            else Write(reports.Aggregate(Table("tag", "name", "words", "missing"), (table, r) => table.Row(r.Tag, r.Name, r.Words, r.Missing.Count)));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static Command Check()
    {
        var command = new Command("check",
            "Compare every shipped language with English: words missing, words English does not have, placeholders that differ, empty words, and a date. Exit code 1 when any language is incomplete.")
        {
            CliOptions.Format,
        };
        command.SetRunWithSettings((parse, configuration, _) =>
        {
            var reports = Reports(configuration);
            if (parse.WantsJson()) WriteJson(reports.Select(r => new { r.Tag, r.Name, r.File, r.Words, r.Complete, r.Missing, r.Extra, r.Placeholders, r.Empty, date = r.DateSample }));
            else Print(reports);
            var incomplete = reports.Where(r => !r.Complete).ToList();
            if (incomplete.Count == 0)
            {
                if (!parse.WantsJson()) Line($"Every shipped language has all {ReaderWords.Keys.Count} words of English.");
                return Task.FromResult(ExitCodes.Success);
            }
            Error($"{string.Join("; ", incomplete.Select(r => $"{r.Tag} {r.Problems}"))}. A shipped language needs every word of ReaderText.resx, filled in with the same placeholders, and no other: correct its ReaderText.LANG.resx and build again (docs/languages.md).");
            return Task.FromResult(ExitCodes.UserError);
        });
        return command;
    }

    private static IReadOnlyList<LanguageReport> Reports(IConfiguration configuration) =>
        LanguageCheck.Run((configuration.GetSection(LanguageOptions.Section).Get<LanguageOptions>() ?? new LanguageOptions()).Tags);

    private static void Print(IReadOnlyList<LanguageReport> reports)
    {
        Write(reports.Aggregate(Table("tag", "name", "file", "words", "missing", "not in English", "placeholders differ", "empty", "date"),
            (table, r) => table.Row(r.Tag, r.Name, r.File ?? "(none)", r.Words, r.Missing.Count, r.Extra.Count, r.Placeholders.Count, r.Empty.Count, r.DateSample)));
        foreach (var report in reports.Where(r => !r.Complete))
        {
            if (report.File is null)
            {
                Line($"{report.Tag} ({report.Name}) has no ReaderText.{report.Tag}.resx: copy ReaderText.resx to it and translate its {report.Missing.Count} words.");
                continue;
            }
            var words = LanguageCheck.Own(report.Tag).Words ?? new Dictionary<string, string>();
            var table = Table("key", "problem", "English", report.Tag);
            foreach (var key in report.Missing) table.Row(key, "missing", English(key), "");
            foreach (var key in report.Extra) table.Row(key, "not in English", "", words[key]);
            foreach (var key in report.Placeholders) table.Row(key, "placeholders differ", English(key), words[key]);
            foreach (var key in report.Empty) table.Row(key, "empty", English(key), "");
            Line($"{report.Tag} ({report.Name}) {report.Problems}:");
            Write(table);
        }
    }

    private static string English(string key) => ReaderWords.Keys.GetValueOrDefault(key, "");
}
