using System.CommandLine;
using CecopComms.Delivery;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop mailings list|show|pause|resume|cancel|retry-failed: mailings and their ledgers.</summary>
public static class MailingCommands
{
    public static Command Create() => new("mailings", "Mailings: each send of an edition or campaign mailing, with its per-recipient ledger.")
    {
        List(), Show(), Pause(), Resume(), Cancel(), RetryFailed(),
    };

    /// <summary>Runs the sender on a mailing in this process with a progress bar, and says how it ended.</summary>
    internal static async Task<int> RunSenderAsync(IServiceProvider services, Mailing mailing, bool json, CancellationToken ct)
    {
        var sender = services.GetRequiredService<MailingSender>();
        var run = json
            ? await sender.RunAsync(mailing.Id, null, ct)
            : await MailingProgressView.ShowAsync(mailing, progress => sender.RunAsync(mailing.Id, progress, ct));
        if (json)
        {
            WriteJson(run);
            return ExitCodes.Success;
        }
        Line(run.Status switch
        {
            MailingStatus.Finished => $"Mailing {run.MailingId} finished: {run.Sent:N0} sent in this run ({run.PerSecond:N0}/s), {run.Failed:N0} failed, {run.Skipped:N0} skipped.",
            MailingStatus.Paused => $"Mailing {run.MailingId} paused: {run.Reason}. `cecop mailings resume {run.MailingId}` continues.",
            MailingStatus.Cancelled => $"Mailing {run.MailingId} cancelled; {run.Sent:N0} were sent in this run.",
            _ => $"Mailing {run.MailingId} is {MailingStore.Text(run.Status)}: {run.Reason}.",
        });
        if (run.Recovered > 0) Line($"{run.Recovered:N0} rows were left 'sending' by a sender that stopped; their claims ran out and they were sent again.");
        if (run.Lost > 0) Line($"{run.Lost:N0} rows were taken over by another sender while this one was stalled; it neither sent nor marked them after that.");
        return ExitCodes.Success;
    }

    private static Argument<long> Id() => new("id") { Description = "The mailing's id (`cecop mailings list`)." };

    private static Command List()
    {
        var status = new Option<MailingStatus?>("--status") { Description = "Only mailings in this state: scheduled, running, paused, cancelled, finished." };
        var limit = new Option<int>("--limit") { Description = "How many, latest first.", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List mailings, latest first, with their counts.") { status, limit, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var mailings = await services.GetRequiredService<MailingStore>().ListAsync(parse.GetValue(status), parse.GetValue(limit), ct);
            if (parse.WantsJson()) WriteJson(mailings);
            else Write(mailings.Aggregate(Table("id", "title", "audience", "status", "total", "sent", "failed", "skipped", "waiting", "created"),
                (table, m) => table.Row(m.Id, m.Title, m.Audience, m.Status, m.Total, m.Sent, m.Failed, m.Skipped, m.Waiting + m.Retrying, m.CreatedAt)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var id = Id();
        var watch = new Option<bool>("--watch") { Description = "Follow its progress live until it is no longer running." };
        var failures = new Option<int>("--failures") { Description = "List up to this many failed rows with the server's reply.", DefaultValueFactory = _ => 10 };
        var command = new Command("show", "Show a mailing: state (and why it paused), counts, failed rows.") { id, watch, failures, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var store = services.GetRequiredService<MailingStore>();
            var mailing = await store.GetAsync(parse.GetValue(id), ct);
            if (parse.GetValue(watch) && mailing.Status == MailingStatus.Running)
            {
                var time = services.GetRequiredService<TimeProvider>();
                mailing = await MailingProgressView.ShowAsync(mailing, progress => WatchAsync(store, time, mailing, progress, ct));
            }
            var failed = await store.RowsAsync(mailing.Id, LedgerStatus.Failed, parse.GetValue(failures), ct);
            if (parse.WantsJson())
            {
                WriteJson(new { mailing, failed_rows = failed });
                return ExitCodes.Success;
            }
            Write(Details(("id", mailing.Id), ("title", mailing.Title), ("source", mailing.Source.ToString()), ("audience", mailing.Audience),
                ("status", mailing.Status), ("reason", mailing.StatusReason), ("total", mailing.Total), ("sent", mailing.Sent), ("failed", mailing.Failed),
                ("skipped", mailing.Skipped), ("retrying", mailing.Retrying), ("waiting", mailing.Waiting), ("created", mailing.CreatedAt),
                ("started", mailing.StartedAt), ("finished", mailing.FinishedAt)));
            if (failed.Count > 0)
                Write(failed.Aggregate(Table("row", "email", "attempts", "reply"), (table, r) => table.Row(r.Id, r.Email, r.Attempts, r.Reply)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<Mailing> WatchAsync(MailingStore store, TimeProvider time, Mailing mailing, IProgress<SenderProgress> progress, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var firstSent = mailing.Sent;
        while (mailing.Status == MailingStatus.Running)
        {
            await Task.Delay(500, ct);
            mailing = await store.GetAsync(mailing.Id, ct);
            var rate = (mailing.Sent - firstSent) / Math.Max(0.001, time.GetElapsedTime(started).TotalSeconds);
            progress.Report(new SenderProgress(mailing.Id, mailing.Total, mailing.Done, mailing.Sent, mailing.Failed, rate,
                rate > 0 ? TimeSpan.FromSeconds((mailing.Total - mailing.Done) / rate) : null));
        }
        return mailing;
    }

    // As the mailing page records it: what was done to which mailing, and how far it had got.
    private static Task RecordAsync(IServiceProvider services, string action, Mailing mailing) =>
        CommandLineActivity.RecordAsync(services, action, mailing.Title, $"Mailing {mailing.Id}: {mailing.Sent} of {mailing.Total} sent so far.");

    private static Command Pause()
    {
        var id = Id();
        var command = new Command("pause", "Pause a mailing: its sender stops within a second; resume continues where it stopped.") { id };
        command.SetRun(async (parse, services, ct) =>
        {
            var mailing = await services.GetRequiredService<MailingStore>().PauseAsync(parse.GetValue(id), null, ct);
            await RecordAsync(services, "pause", mailing);
            Line($"Mailing {mailing.Id} paused: {mailing.Sent:N0} of {mailing.Total:N0} sent.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Resume()
    {
        var id = Id();
        var detach = new Option<bool>("--detach") { Description = "Only mark it running, for `cecop serve` to send; by default it is sent here with a progress bar." };
        var command = new Command("resume", "Resume a paused (or interrupted) mailing where it stopped.") { id, detach, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var mailing = await services.GetRequiredService<MailingStore>().ResumeAsync(parse.GetValue(id), ct);
            await RecordAsync(services, "resume", mailing);
            if (parse.GetValue(detach))
            {
                Line($"Mailing {mailing.Id} is running again; `cecop serve` sends it.");
                return ExitCodes.Success;
            }
            return await RunSenderAsync(services, mailing, parse.WantsJson(), ct);
        });
        return command;
    }

    private static Command Cancel()
    {
        var id = Id();
        var command = new Command("cancel", "Cancel a mailing: its sender stops within a second and every recipient not yet sent is skipped.") { id };
        command.SetRun(async (parse, services, ct) =>
        {
            var mailing = await services.GetRequiredService<MailingStore>().CancelAsync(parse.GetValue(id), ct);
            await RecordAsync(services, "cancel-mailing", mailing);
            Line($"Mailing {mailing.Id} cancelled: {mailing.Sent:N0} of {mailing.Total:N0} had been sent.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RetryFailed()
    {
        var id = Id();
        var detach = new Option<bool>("--detach") { Description = "Only queue the rows again, for `cecop serve` to send." };
        var command = new Command("retry-failed", "Queue the failed rows of a mailing again (people who bounced or left are not retried).") { id, detach, CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var (mailing, requeued) = await services.GetRequiredService<MailingStore>().RetryFailedAsync(parse.GetValue(id), ct);
            if (!parse.WantsJson()) Line($"Mailing {mailing.Id}: {requeued:N0} failed rows queued again.");
            if (requeued == 0 || parse.GetValue(detach) || mailing.Status != MailingStatus.Running) return ExitCodes.Success;
            return await RunSenderAsync(services, mailing, parse.WantsJson(), ct);
        });
        return command;
    }
}
