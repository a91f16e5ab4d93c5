using System.CommandLine;
using CecopComms.Audience;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop orgs list|show|add|import: member organisations.</summary>
public static class OrganisationCommands
{
    public static Command Create() => new("orgs", "Member organisations: name, country, category, website, contacts.")
    {
        List(), Show(), Add(), ImportCommands.Organisations(),
    };

    private static Command List()
    {
        var country = new Option<string?>("--country") { Description = "Only organisations of this country (IT or Italy)." };
        var category = new Option<string?>("--category") { Description = "Only this category: full, associated or affiliate." };
        var command = new Command("list", "List member organisations.") { country, category, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            MemberCategory? only = null;
            if (parse.GetValue(category) is { } text)
                only = MemberCategories.TryParse(text, out var c) ? c : throw new UsageException($"'{text}' is not a member category: use {MemberCategories.Accepted}.");
            var organisations = await services.GetRequiredService<OrganisationStore>().ListAsync(parse.GetValue(country), only, ct);
            if (parse.WantsJson()) WriteJson(organisations);
            else Write(organisations.Aggregate(Table("id", "name", "country", "category", "website", "contacts"),
                (table, o) => table.Row(o.Id, o.Name, o.Country, o.Category.Label(), o.Website, o.ContactCount)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var idOrName = new Argument<string>("organisation") { Description = "Its id or name." };
        var command = new Command("show", "Show an organisation and its contacts.") { idOrName, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var organisation = await services.GetRequiredService<OrganisationStore>().GetAsync(parse.GetValue(idOrName)!, ct);
            var contacts = await services.GetRequiredService<SubscriberStore>().ContactsAsync(organisation.Id, ct);
            if (parse.WantsJson())
            {
                WriteJson(new { organisation, contacts });
                return ExitCodes.Success;
            }
            Write(Details(("id", organisation.Id), ("name", organisation.Name), ("country", $"{organisation.Country} ({Countries.Name(organisation.Country)})"),
                ("category", organisation.Category.Label()), ("website", organisation.Website), ("created", organisation.CreatedAt)));
            Write(contacts.Aggregate(Table("contact", "name", "language", "status"), (table, s) => table.Row(s.Email, s.Name, s.Language, s.Status)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "The organisation's name." };
        var country = new Option<string>("--country") { Description = "ISO 3166 code or English name: IT, Italy.", Required = true };
        var category = new Option<string>("--category") { Description = "full, associated or affiliate.", Required = true };
        var website = new Option<string?>("--website") { Description = "https://…" };
        var command = new Command("add", "Add a member organisation.") { name, country, category, website, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var organisation = await services.GetRequiredService<OrganisationStore>().AddAsync(
                parse.GetValue(name)!, parse.GetValue(country)!, parse.GetValue(category)!, parse.GetValue(website), ct);
            if (parse.WantsJson()) WriteJson(organisation);
            else Line($"Added organisation {organisation.Id}: {organisation.Name} ({organisation.Country}, {organisation.Category.Label()}).");
            return ExitCodes.Success;
        });
        return command;
    }
}
