using System.CommandLine;
using System.Globalization;
using CecopComms.Content;
using CecopComms.Content.Editions;
using CecopComms.Content.Validation;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop editions new|load|list|show|validate|preview: numbered editions of CECOP Link and the CECOP Newsletter.</summary>
public static class EditionCommands
{
    public static Command Create() => new("editions", "Numbered editions of a publication: news items with language variants, written as YAML files.")
    {
        New(), Load(), List(), Show(), Validate(), Preview(),
    };

    private static Command New()
    {
        var publication = new Option<string>("--publication") { Description = "cecop-link or cecop-newsletter.", Required = true };
        var subject = new Option<string>("--subject") { Description = "The English subject.", Required = true };
        var date = new Option<string?>("--date") { Description = "Issue date, yyyy-MM-dd (default: today); its year numbers the edition." };
        var command = new Command("new", "Start a draft edition with the next number of its year; fill it in with a YAML file and `editions load`.")
        {
            publication, subject, date, CliOptions.Format,
        };
        command.SetRun(async (parse, services, ct) =>
        {
            var day = parse.GetValue(date) ?? services.GetRequiredService<TimeProvider>().GetLocalNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var yaml = $"publication: {parse.GetValue(publication)}\ndate: {day}\nsubject:\n  en: \"{parse.GetValue(subject)!.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"\n"
                + "intro:\n  en: |\n    Write the introduction here.\nitems: []\n";
            var (edition, mailing) = await services.GetRequiredService<MailingContent>().SaveEditionAsync(new SourceText("(cecop editions new)", yaml), ct);
            Report(parse, edition, mailing.Diagnostics, "Created");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Load()
    {
        var file = new Argument<string>("file") { Description = "An edition written as YAML (see editions/ for examples)." };
        var command = new Command("load", "Check an edition file and save it: a new edition, or the draft with the same publication, year and number.")
        {
            file, CliOptions.Format,
        };
        command.SetRun(async (parse, services, ct) =>
        {
            var (edition, mailing) = await services.GetRequiredService<MailingContent>().SaveEditionAsync(SourceText.Read(parse.GetValue(file)!), ct);
            Report(parse, edition, mailing.Diagnostics, "Loaded");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var publication = new Option<string?>("--publication") { Description = "Only this publication's editions." };
        var command = new Command("list", "List editions with their number, date, subject and state.") { publication, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var editions = await services.GetRequiredService<EditionStore>().ListAsync(parse.GetValue(publication), ct);
            if (parse.WantsJson()) WriteJson(editions.Select(Summary));
            else Write(editions.Aggregate(Table("id", "title", "date", "subject", "state"),
                (table, e) => table.Row(e.Id, e.Title, e.IssueDate, e.Subject, e.State)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<long>("id") { Description = "The edition's id (see `editions list`)." };
        var command = new Command("show", "Show an edition: title, state, languages, news items and what validation says.") { id, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var edition = await services.GetRequiredService<EditionStore>().GetAsync(parse.GetValue(id), ct);
            var diagnostics = new Diagnostics();
            var document = EditionReader.Read(new SourceText(edition.SourceName, edition.Source), diagnostics);
            var items = document?.Items.Select(i => new { date = i.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), title = i.Title.Text("en"), tags = i.Tags, link = i.Link.Value }).ToList();
            if (parse.WantsJson()) WriteJson(new { edition = Summary(edition), languages = document?.Languages, items, warnings = diagnostics.Items.Select(d => d.Headline) });
            else
            {
                Write(Details(("id", edition.Id), ("title", edition.Title), ("date", edition.IssueDate), ("subject", edition.Subject), ("state", edition.State),
                    ("languages", string.Join(", ", document?.Languages ?? [])), ("source", edition.SourceName), ("updated", edition.UpdatedAt)));
                if (items is not null) Write(items.Aggregate(Table("date", "title", "tags", "link"), (table, i) => table.Row(i.date, i.title, string.Join(", ", i.tags), i.link)));
                if (diagnostics.Items.Count > 0) Error(diagnostics.Format());
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Validate()
    {
        var target = new Argument<string>("edition") { Description = "An edition id, or an edition YAML file to check without saving it." };
        var command = new Command("validate", "Check an edition as it would be sent: templates, Markdown, links, alt text, every language.") { target };
        command.SetRun(async (parse, services, ct) =>
        {
            var content = services.GetRequiredService<MailingContent>();
            var value = parse.GetValue(target)!;
            var mailing = long.TryParse(value, out var number) && !File.Exists(value)
                ? await content.CompileMailingAsync(new MailingSource(MailingSourceKind.Edition, number), ct)
                : await content.CheckEditionAsync(SourceText.Read(value), ct);
            if (mailing.Diagnostics.Items.Count > 0) Error(mailing.Diagnostics.Format());
            Line($"{value}: valid ({mailing.Title}; languages {string.Join(", ", mailing.Languages)}; {mailing.Links.Count} links).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Preview()
    {
        var id = new Argument<long>("id") { Description = "The edition's id." };
        var subscriber = new Option<string?>("--subscriber") { Description = "Render for this subscriber: their language, name and links." };
        var language = new Option<string?>("--lang") { Description = "Render in this language (a sample reader, or overrides the subscriber's)." };
        var output = new Option<string?>("--out") { Description = "FILE.html, FILE.txt or FILE.eml (the whole message; needs the delivery module). Default: the text version on stdout." };
        var command = new Command("preview", "Render an edition for one reader through the same path used for sending.") { id, subscriber, language, output };
        command.SetRun(async (parse, services, ct) =>
        {
            var mailing = await services.GetRequiredService<MailingContent>().CompileMailingAsync(new MailingSource(MailingSourceKind.Edition, parse.GetValue(id)), ct);
            var recipient = await EditionPreview.RecipientAsync(services, parse.GetValue(subscriber), parse.GetValue(language), ct);
            await EditionPreview.WriteAsync(services, mailing, recipient, parse.GetValue(output), ct);
            if (parse.GetValue(output) is { } path) Line($"Wrote {path}: {mailing.Title} in {recipient.Language}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static object Summary(Edition e) => new
    {
        e.Id, publication = e.PublicationSlug, e.Title, e.Year, e.Number, date = e.IssueDate, e.Subject, e.State, source = e.SourceName,
    };

    private static void Report(ParseResult parse, Edition edition, Diagnostics diagnostics, string verb)
    {
        if (diagnostics.Items.Count > 0) Error(diagnostics.Format());
        if (parse.WantsJson()) WriteJson(new { edition = Summary(edition), warnings = diagnostics.Items.Select(d => d.Headline) });
        else Line($"{verb} edition {edition.Id}: {edition.Title} ({edition.State.ToString().ToLowerInvariant()}), {edition.Subject}.");
    }
}
