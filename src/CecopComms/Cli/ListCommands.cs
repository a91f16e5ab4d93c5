using System.CommandLine;
using CecopComms.Audience;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop lists create|list|show: mailing lists and their subscription counts.</summary>
public static class ListCommands
{
    public static Command Create() => new("lists", "Mailing lists: public or private, double opt-in, members-only.")
    {
        CreateList(), List(), Show(),
    };

    private static Command CreateList()
    {
        var slug = new Argument<string>("slug") { Description = "Lower-case letters, digits and hyphens: coop-skills-2023." };
        var name = new Option<string>("--name") { Description = "The list's name.", Required = true };
        var description = new Option<string>("--description") { Description = "What it is for.", DefaultValueFactory = _ => "" };
        var isPublic = new Option<bool>("--public") { Description = "Anyone may subscribe on the website (default private)." };
        var doubleOptIn = new Option<bool>("--double-opt-in") { Description = "Subscriptions start unconfirmed until the person confirms." };
        var membersOnly = new Option<bool>("--members-only") { Description = "Only contacts of member organisations may be on it." };
        var command = new Command("create", "Create a list.") { slug, name, description, isPublic, doubleOptIn, membersOnly, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var list = await services.GetRequiredService<ListStore>().CreateAsync(parse.GetValue(slug)!, parse.GetValue(name)!, parse.GetValue(description)!,
                parse.GetValue(isPublic), parse.GetValue(doubleOptIn), parse.GetValue(membersOnly), ct);
            if (parse.WantsJson()) WriteJson(list);
            else Line($"Created list {list.Slug}: {list.Name}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the lists with their subscription counts.") { CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var lists = await services.GetRequiredService<ListStore>().ListAsync(ct);
            if (parse.WantsJson()) WriteJson(lists);
            else Write(lists.Aggregate(Table("slug", "name", "visibility", "double opt-in", "members only", "confirmed", "unconfirmed", "unsubscribed"),
                (table, l) => table.Row(l.Slug, l.Name, l.Visibility, l.DoubleOptIn, l.MembersOnly, l.Confirmed, l.Unconfirmed, l.Unsubscribed)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var slug = new Argument<string>("slug") { Description = "The list's slug." };
        var command = new Command("show", "Show a list and how many subscriptions it has in each status.") { slug, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var list = await services.GetRequiredService<ListStore>().GetAsync(parse.GetValue(slug)!, ct);
            if (parse.WantsJson()) WriteJson(list);
            else Write(Details(("slug", list.Slug), ("name", list.Name), ("description", list.Description), ("visibility", list.Visibility),
                ("double opt-in", list.DoubleOptIn), ("members only", list.MembersOnly), ("confirmed", list.Confirmed),
                ("unconfirmed", list.Unconfirmed), ("unsubscribed", list.Unsubscribed), ("created", list.CreatedAt)));
            return ExitCodes.Success;
        });
        return command;
    }
}
