using System.CommandLine;
using CecopComms.Content.Publications;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop publications list: CECOP Link and the CECOP Newsletter, their audiences, templates and senders.</summary>
public static class PublicationCommands
{
    public static Command Create() => new("publications", "The newsletters editions belong to.") { List() };

    private static Command List()
    {
        var command = new Command("list", "List publications with their audience, template and sender.") { CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var publications = await services.GetRequiredService<PublicationStore>().ListAsync(ct);
            if (parse.WantsJson()) WriteJson(publications);
            else Write(publications.Aggregate(Table("slug", "name", "audience", "template", "from", "reply-to"),
                (table, p) => table.Row(p.Slug, p.Name, p.Audience, p.Template, $"{p.FromName} <{p.FromAddress}>", p.ReplyTo)));
            return ExitCodes.Success;
        });
        return command;
    }
}
