using CecopComms.Delivery;
using Spectre.Console;

namespace CecopComms.Cli;

/// <summary>The live progress bar of a mailing: sent of total, rate, time left.</summary>
public static class MailingProgressView
{
    /// <summary>Runs <paramref name="body"/> with a progress bar it reports to.</summary>
    public static Task<T> ShowAsync<T>(Mailing mailing, Func<IProgress<SenderProgress>, Task<T>> body) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Describe(mailing.Id, mailing.Done, mailing.Total, 0), maxValue: Math.Max(1, mailing.Total));
                task.Value = mailing.Done;
                var progress = new ImmediateProgress<SenderProgress>(p =>
                {
                    task.Value = p.Done;
                    task.Description = Describe(p.MailingId, p.Sent, p.Total, p.PerSecond) + (p.Failed > 0 ? $", {p.Failed:N0} failed" : "");
                });
                var result = await body(progress);
                task.StopTask();
                return result;
            });

    private static string Describe(long id, long sent, long total, double rate) =>
        Markup.Escape($"Mailing {id}: {sent:N0} of {total:N0} sent, {rate:N0}/s");
}
