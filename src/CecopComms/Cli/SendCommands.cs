using System.CommandLine;
using CecopComms.Delivery;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop send SOURCE --now | --test EMAIL: send an edition or campaign mailing to its audience now, or one test copy.</summary>
public static class SendCommands
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = MailingSourceArgument.Help };
        var now = new Option<bool>("--now") { Description = "Send to the whole audience now: the ledger is written first, then the progress bar runs until it is done." };
        var test = new Option<string?>("--test") { Description = "Send one copy marked [TEST] to this address instead; nobody else receives anything." };
        var lang = new Option<string?>("--lang") { Description = "With --test: the language of the copy, as `editions preview --lang` shows it." };
        var reader = new Option<string?>("--subscriber") { Description = "With --test: fill the copy with this subscriber's data, as `editions preview --subscriber` does." };
        var segment = CliOptions.SegmentAudience();
        var command = new Command("send", "Send an edition or campaign mailing now (--now), or a test copy (--test EMAIL). `cecop schedule` sends later.")
        {
            source, now, test, lang, reader, segment, CliOptions.Format,
        };
        command.SetRun(async (parse, services, ct) =>
        {
            var what = MailingSourceArgument.Parse(parse.GetValue(source)!);
            if (parse.GetValue(test) is { } email)
            {
                var result = await services.GetRequiredService<TestSend>().SendAsync(what, email, parse.GetValue(lang), parse.GetValue(reader), ct);
                if (parse.WantsJson()) WriteJson(result);
                else Line(result.Kind == OutcomeKind.Sent ? $"Test copy of {what} sent to {email}: {result.Reply}" : $"Test copy of {what} not sent: {result.Reply}");
                return result.Kind == OutcomeKind.Sent ? ExitCodes.Success : ExitCodes.UserError;
            }
            if (!parse.GetValue(now)) throw new UsageException("Say when: --now sends to the whole audience now, --test EMAIL sends one copy; `cecop schedule` sends later.");
            var mailing = await services.GetRequiredService<MailingStarter>().StartAsync(what, MailingStatus.Running, CliOptions.SegmentReference(parse.GetValue(segment)), ct);
            await CommandLineActivity.RecordAsync(services, "send", mailing.Title, $"Mailing {mailing.Id} started now to {mailing.Audience}: {mailing.Total} recipients.");
            if (!parse.WantsJson()) Line($"Mailing {mailing.Id}: {mailing.Title} to {mailing.Audience}, {mailing.Total:N0} recipients in the ledger.");
            return await MailingCommands.RunSenderAsync(services, mailing, parse.WantsJson(), ct);
        });
        return command;
    }
}
