using System.CommandLine;
using System.Text.Json.Nodes;
using CecopComms.Audience;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop subscribers add|subscribe|show|data|erase|export|import.</summary>
public static class SubscriberCommands
{
    public static Command Create() => new("subscribers", "People who receive mail, their subscriptions and consent; GDPR access and erasure.")
    {
        Add(), Subscribe(), List(), Show(), Data(), Erase(), Export(), ImportCommands.Subscribers(),
    };

    private static readonly Argument<string> Email = new("email") { Description = "The e-mail address (any case)." };

    private static Option<string[]> Lists() => new("--list") { Description = "A list slug; repeat for several lists.", DefaultValueFactory = _ => [] };

    private static Command Add()
    {
        var name = new Option<string>("--name") { Description = "The person's name.", DefaultValueFactory = _ => "" };
        var language = new Option<string>("--language") { Description = "BCP 47 tag: en, it, pt-BR.", DefaultValueFactory = _ => "en" };
        var organisation = new Option<string?>("--org") { Description = "The member organisation (id or name) the person is a contact of." };
        var attributes = new Option<string[]>("--attr") { Description = "A free attribute NAME=VALUE; repeat for several.", DefaultValueFactory = _ => [] };
        var lists = Lists();
        var consent = ConsentOptions.Create();
        var command = new Command("add", "Add a person, optionally subscribing them to lists.") { Email, name, language, organisation, attributes, lists };
        consent.AddTo(command);
        command.Options.Add(CliOptions.Format);
        command.SetRun(async (parse, services, ct) =>
        {
            var person = new NewSubscriber(parse.GetValue(Email)!, parse.GetValue(name)!, parse.GetValue(language)!, parse.GetValue(organisation), ParseAttributes(parse.GetValue(attributes)!));
            var subscriber = await services.GetRequiredService<SubscriberStore>().AddAsync(person, parse.GetValue(lists)!, parse.GetValue(consent.Confirmed), consent.Read(parse), ct);
            var subscriptions = await services.GetRequiredService<SubscriptionStore>().ForSubscriberAsync(subscriber.Id, ct);
            if (parse.WantsJson()) WriteJson(new { subscriber, subscriptions });
            else Line($"Added {subscriber.Email}" + string.Concat(subscriptions.Select(s => $"; {s.ListSlug}: {s.Status.ToString().ToLowerInvariant()}")) + ".");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Subscribe()
    {
        var lists = Lists();
        lists.Required = true;
        var consent = ConsentOptions.Create();
        var command = new Command("subscribe", "Subscribe an existing person to more lists.") { Email, lists };
        consent.AddTo(command);
        command.SetRun(async (parse, services, ct) =>
        {
            var results = await services.GetRequiredService<SubscriberStore>().SubscribeAsync(parse.GetValue(Email)!, parse.GetValue(lists)!, parse.GetValue(consent.Confirmed), consent.Read(parse), ct);
            foreach (var (list, status) in results) Line($"{list.Slug}: {status.ToString().ToLowerInvariant()}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var audience = new Argument<string>("audience") { Description = "list:SLUG, segment:SLUG or a bare slug." };
        var command = new Command("list", "List the subscribers of a list (every subscription status) or a segment.") { audience, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var resolver = services.GetRequiredService<AudienceResolver>();
            var rows = await resolver.ExportRowsAsync(await resolver.ResolveAsync(parse.GetValue(audience)!, ct), ct);
            if (parse.WantsJson()) WriteJson(rows);
            else Write(rows.Aggregate(Table("email", "name", "language", "organisation", "country", "status", "subscription"),
                (table, r) => table.Row(r.Email, r.Name, r.Language, r.Organisation, r.Country, r.Status, r.SubscriptionStatus)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var command = new Command("show", "Show a person and their subscriptions.") { Email, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var data = await services.GetRequiredService<SubscriberStore>().PersonalDataAsync(parse.GetValue(Email)!, ct);
            if (parse.WantsJson())
            {
                WriteJson(new { data.Subscriber, data.Organisation, data.Subscriptions });
                return ExitCodes.Success;
            }
            var s = data.Subscriber;
            Write(Details(("email", s.Email), ("name", s.Name), ("language", s.Language), ("organisation", data.Organisation?.Name), ("status", s.Status),
                ("attributes", s.Attributes), ("created", s.CreatedAt), ("updated", s.UpdatedAt), ("erased", s.ErasedAt)));
            Write(data.Subscriptions.Aggregate(Table("list", "status", "since", "confirmed"), (table, x) => table.Row(x.ListSlug, x.Status, x.CreatedAt, x.ConfirmedAt)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Data()
    {
        var command = new Command("data", "Print everything held on a person as JSON (GDPR art. 15): subscriber, organisation, subscriptions, consents.") { Email };
        command.SetRun(async (parse, services, ct) =>
        {
            Console.Out.WriteLine((await services.GetRequiredService<SubscriberStore>().PersonalDataAsync(parse.GetValue(Email)!, ct)).ToJson());
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Erase()
    {
        var yes = new Option<bool>("--yes") { Description = "Confirm: erasure cannot be undone." };
        var command = new Command("erase", "Erase a person's personal data (GDPR art. 17); anonymous counts stay.") { Email, yes };
        command.SetRun(async (parse, services, ct) =>
        {
            var email = parse.GetValue(Email)!;
            var store = services.GetRequiredService<SubscriberStore>();
            if (!parse.GetValue(yes))
            {
                await store.GetAsync(email, ct);
                throw new UsageException($"Erasing {email.Trim()} cannot be undone: run again with --yes to erase.");
            }
            var erased = await store.EraseAsync(email, ct);
            await CommandLineActivity.RecordAsync(services, "erase", $"a subscriber (id {erased.Id})", "Erased; their subscriptions stay only as anonymous counts.");
            Line($"Erased {email.Trim()}: now {erased.Email}; its subscriptions stay as anonymous counts.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export()
    {
        var list = new Option<string?>("--list") { Description = "Export this list's subscribers (every subscription status)." };
        var segment = new Option<string?>("--segment") { Description = "Export this segment's subscribers." };
        var output = new Option<string>("--out") { Description = "The CSV file to write.", Required = true };
        var command = new Command("export", "Write a list's or segment's subscribers to CSV: email, name, language, organisation, country, status, then subscription_status (a list) or lists (a segment), attributes, created_at.")
        {
            list, segment, output,
        };
        command.SetRun(async (parse, services, ct) =>
        {
            var reference = (parse.GetValue(list), parse.GetValue(segment)) switch
            {
                ({ } l, null) => $"list:{l}",
                (null, { } s) => $"segment:{s}",
                _ => throw new UsageException("Give either --list SLUG or --segment SLUG."),
            };
            var path = parse.GetValue(output)!;
            int count;
            try
            {
                count = await services.GetRequiredService<SubscriberExporter>().ExportAsync(reference, path, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"Cannot write {path}: {e.Message}");
            }
            Console.Error.WriteLine($"Wrote {count} subscribers of {reference} to {path}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static JsonObject ParseAttributes(string[] pairs)
    {
        var attributes = new JsonObject();
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=');
            if (at <= 0) throw new UsageException($"--attr '{pair}' should read NAME=VALUE.");
            attributes[pair[..at].Trim()] = pair[(at + 1)..];
        }
        return attributes;
    }
}
