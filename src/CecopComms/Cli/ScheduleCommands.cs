using System.CommandLine;
using CecopComms.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop schedule (one-off, recurring or campaign) and cecop schedules list|cancel.</summary>
public static class ScheduleCommands
{
    public static Command Create()
    {
        var source = new Argument<string?>("source") { Description = MailingSourceArgument.Help + " (with --at).", Arity = ArgumentArity.ZeroOrOne };
        var at = new Option<string?>("--at") { Description = "When: \"2026-12-01 10:00\" in --zone (default Scheduling:TimeZone, Europe/Brussels), or an ISO time with an offset." };
        var zone = new Option<string?>("--zone") { Description = "IANA time zone of --at or --cron, e.g. Europe/Brussels." };
        var publication = new Option<string?>("--publication") { Description = "Recurring: send this publication's next draft edition at every --cron time." };
        var cron = new Option<string?>("--cron") { Description = "Recurring: Quartz cron, e.g. \"0 0 10 ? * TUE#1\" = first Tuesday of each month at 10:00." };
        var campaign = new Option<string?>("--campaign") { Description = "Schedule every planned mailing of this campaign still to come, at its planned date." };
        var segment = CliOptions.SegmentAudience();
        var command = new Command("schedule", "Schedule a send: SOURCE --at TIME, --publication SLUG --cron EXPR, or --campaign SLUG. `cecop serve` sends when the time comes.")
        {
            source, at, zone, publication, cron, campaign, segment, CliOptions.Format,
        };
        command.SetRun(async (parse, services, ct) =>
        {
            var planner = services.GetRequiredService<SchedulePlanner>();
            List<Schedule> made;
            var audience = CliOptions.SegmentReference(parse.GetValue(segment));
            if (parse.GetValue(campaign) is { } slug)
            {
                var (added, past) = await planner.CampaignAsync(slug, audience, ct);
                made = [.. added];
                if (!parse.WantsJson() && past > 0) Line($"{past} planned mailings of {slug} are already past and were not scheduled.");
            }
            else if (parse.GetValue(publication) is { } pub)
            {
                made = [await planner.RecurringAsync(pub, parse.GetValue(cron) ?? throw new UsageException("--publication needs --cron: when it goes out."), parse.GetValue(zone), audience, ct)];
            }
            else
            {
                var what = MailingSourceArgument.Parse(parse.GetValue(source) ?? throw new UsageException("Say what to schedule: SOURCE --at TIME, --publication SLUG --cron EXPR, or --campaign SLUG."));
                var when = planner.ParseTime(parse.GetValue(at) ?? throw new UsageException("Say when with --at \"2026-12-01 10:00\"."), parse.GetValue(zone));
                made = [await planner.OnceAsync(what, when, audience, ct)];
            }
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            foreach (var s in made)
                await CommandLineActivity.RecordAsync(services, "schedule", s.Source ?? $"the next draft edition of {s.Publication}", $"Schedule {s.Id}: {Describe(s, now)}.");
            if (parse.WantsJson()) WriteJson(made);
            else foreach (var s in made) Line($"Schedule {s.Id}: {Describe(s, now)}.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>cecop schedules list|cancel.</summary>
    public static Command List()
    {
        var list = new Command("list", "List schedules: what (and to which segment, when one was chosen), when (next time), state, and what the last occurrence did (sent, missed, refused, nothing to send).") { CliOptions.Format };
        list.SetRun(async (parse, services, ct) =>
        {
            var schedules = await services.GetRequiredService<ScheduleStore>().ListAsync(null, ct);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (parse.WantsJson()) WriteJson(schedules.Select(s => new { schedule = s, next = ScheduledSend.Next(s, now) }));
            else Write(schedules.Aggregate(Table("id", "kind", "what", "when", "next", "status", "last mailing", "note"), (table, s) => table.Row(
                s.Id, s.Kind, (s.Source ?? s.Publication) + (s.Audience is { } audience ? $" to {audience}" : ""), s.Cron ?? (s.RunAt is { } r ? ScheduledSend.Local(r, s.TimeZone) : ""),
                ScheduledSend.Next(s, now) is { } n ? ScheduledSend.Local(n, s.TimeZone) : "", s.Status, s.LastMailingId, s.Note)));
            return ExitCodes.Success;
        });
        var id = new Argument<long>("id") { Description = "The schedule's id." };
        var cancel = new Command("cancel", "Cancel an active schedule (its trigger is removed).") { id };
        cancel.SetRun(async (parse, services, ct) =>
        {
            var (schedule, released) = await services.GetRequiredService<SchedulePlanner>().CancelAsync(parse.GetValue(id), ct);
            await CommandLineActivity.RecordAsync(services, "cancel-schedule", schedule.Source ?? $"the next draft edition of {schedule.Publication}",
                released is null ? $"Schedule {schedule.Id} cancelled." : $"Schedule {schedule.Id} cancelled; what it would send is a draft again.");
            Line($"Schedule {schedule.Id} cancelled." + (released is { } source ? $" {source} is a draft again: edit it, schedule it or send it now." : ""));
            return ExitCodes.Success;
        });
        return new Command("schedules", "Schedules: one-off sends, recurring editions, campaign plans.") { list, cancel };
    }

    private static string Describe(Schedule s, DateTimeOffset now) => (s.Kind switch
    {
        "recurring" => $"the next draft edition of {s.Publication} at \"{s.Cron}\" ({s.TimeZone}), next {ScheduledSend.Local(ScheduledSend.Next(s, now)!.Value, s.TimeZone)}",
        _ => $"{s.Source} at {ScheduledSend.Local(s.RunAt!.Value, s.TimeZone)}",
    }) + (s.Audience is { } audience ? $", to {audience}" : "");
}
