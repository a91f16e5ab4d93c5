using System.CommandLine;
using CecopComms.Delivery.Bounces;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop bounces fetch|list: the bounce mailbox and the bounces recorded from it and from SMTP refusals.</summary>
public static class BounceCommands
{
    public static Command Create() => new("bounces", "Bounces: read the bounce mailbox (Bounces settings) and list what was recorded.")
    {
        Fetch(), List(),
    };

    private static Command Fetch()
    {
        var command = new Command("fetch",
            "Read the bounce mailbox once: hard bounces mark the person bounced, soft ones count towards Bounces:SoftBounceThreshold; "
            + "auto-replies are ignored; every message handled is deleted.") { CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var processor = services.GetRequiredService<BounceProcessor>();
            BounceFetchResult result;
            if (parse.WantsJson())
            {
                result = await processor.FetchAsync(null, ct);
                WriteJson(result);
                return ExitCodes.Success;
            }
            result = await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Connecting to the bounce mailbox").IsIndeterminate();
                    var progress = new ImmediateProgress<BounceFetchProgress>(p =>
                    {
                        task.IsIndeterminate(false).MaxValue(Math.Max(1, p.Total)).Value(p.Done);
                        task.Description = $"{p.Done:N0} of {p.Total:N0} messages";
                    });
                    var done = await processor.FetchAsync(progress, ct);
                    task.IsIndeterminate(false).Value(task.MaxValue);
                    task.StopTask();
                    return done;
                });
            Write(Table("bounce mailbox", "")
                .Row("read", result.Read)
                .Row("hard bounces", result.Hard)
                .Row("soft bounces", result.Soft)
                .Row("auto-replies ignored", result.AutoReplies)
                .Row("other mail ignored", result.Ignored)
                .Row("unmatched", result.Unmatched)
                .Row("already recorded", result.AlreadyRecorded)
                .Row("unreadable (kept)", result.Unreadable)
                .Row("deleted", result.Deleted)
                .Row("people marked bounced", result.SubscribersBounced)
                .Row("unsubscribes by mail carried out", result.Unsubscribes));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var email = new Option<string?>("--email") { Description = "Only this person's bounces." };
        var mailing = new Option<long?>("--mailing") { Description = "Only bounces of this mailing (`cecop mailings list`)." };
        var limit = new Option<int>("--limit") { Description = "How many, latest first.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List recorded bounces, latest first: who, which mailing, hard or soft, the server's words.")
        {
            email, mailing, limit, CliOptions.Format,
        };
        command.SetRun(async (parse, services, ct) =>
        {
            var bounces = await services.GetRequiredService<BounceStore>().ListAsync(parse.GetValue(email), parse.GetValue(mailing), parse.GetValue(limit), ct);
            if (parse.WantsJson()) WriteJson(bounces);
            else Write(bounces.Aggregate(Table("id", "when", "email", "status now", "mailing", "kind", "code", "source", "reply"),
                (table, b) => table.Row(b.Id, b.BouncedAt, b.Email, b.SubscriberStatus, b.MailingId, b.Kind, b.Code, b.Source, b.Reply)));
            return ExitCodes.Success;
        });
        return command;
    }
}
