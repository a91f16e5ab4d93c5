using CecopComms.Delivery;
using Dapper;

namespace CecopComms.Tests.Delivery;

/// <summary>The outbox transport, pause/resume/cancel, people who leave while a mailing runs, the throttle.</summary>
public sealed class OutboxDeliveryTests
{
    private static string[] Files(DeliveryTestBed bed, long mailingId)
    {
        var folder = bed.Stores.Workspace.Path(Path.Combine("outbox", $"mailing-{mailingId}"));
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [];
    }

    [Fact]
    public async Task Every_recipient_gets_one_eml_file_and_a_resend_overwrites_it()
    {
        await using var bed = await DeliveryTestBed.CreateAsync(50);
        var mailing = await bed.StartAsync();

        var run = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);

        Assert.Equal((MailingStatus.Finished, 50L), (run.Status, run.Sent));
        var files = Files(bed, mailing.Id);
        Assert.Equal(50, files.Length);
        var text = await File.ReadAllTextAsync(files.Order().First());
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", text);
        Assert.Matches(@"^Return-Path: <bounce\+[^>]+@[^>]+>\r\nDelivered-To: person\d+@members\.example\r\n", text);
        Assert.Contains("Dear Person 0,", text);
        Assert.Empty(Directory.GetFiles(bed.Stores.Workspace.Path("outbox"), "*.tmp", SearchOption.AllDirectories));

        // As after a crash between writing and marking: the rows are sent again, and the files are replaced.
        await using (var connection = await bed.Stores.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE ledger SET status = 'sending' WHERE mailing_id = @Id", new { mailing.Id });
            await connection.ExecuteAsync("UPDATE mailings SET status = 'running' WHERE id = @Id", new { mailing.Id });
        }
        var again = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);
        Assert.Equal((50, 50L), (again.Recovered, again.Sent));
        Assert.Equal(50, Files(bed, mailing.Id).Length);
    }

    [Fact]
    public async Task An_edition_is_sent_once_and_a_second_start_is_refused_until_the_first_is_cancelled()
    {
        await using var bed = await DeliveryTestBed.CreateAsync(5);
        var first = await bed.StartAsync();
        await bed.Sender.RunAsync(first.Id, null, CancellationToken.None);

        var refusal = await Assert.ThrowsAsync<MailingException>(() => bed.StartAsync());

        Assert.Contains($"already has mailing {first.Id}, which is finished", refusal.Message);
        Assert.Single(await bed.Mailings.ListAsync(null, 10, CancellationToken.None));
        Assert.Equal(5, Files(bed, first.Id).Length);

        // The database holds the rule too, for two starts of an in-flight mailing at the same moment.
        var paused = await bed.StartAsync(2, MailingStatus.Paused);
        await using (var connection = await bed.Stores.Database.OpenAsync())
        {
            var race = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync(
                "INSERT INTO mailings (source_kind, source_id, title, audience, status, created_at, updated_at) SELECT source_kind, source_id, title, audience, 'running', created_at, updated_at FROM mailings WHERE id = @Id",
                new { paused.Id }));
            Assert.True(race is Npgsql.PostgresException { SqlState: "23505" } or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 }, race.Message);
        }

        await bed.Mailings.CancelAsync(paused.Id, CancellationToken.None);
        var again = await bed.StartAsync(2);
        Assert.NotEqual(paused.Id, again.Id);
    }

    [Fact]
    public async Task A_transport_that_throws_fails_its_rows_after_the_retries_and_the_run_still_ends()
    {
        await using var bed = await DeliveryTestBed.CreateAsync(4);
        var mailing = await bed.StartAsync();
        // A file where the mailing's outbox folder belongs: every write throws IOException, as a full disk would.
        Directory.CreateDirectory(bed.Stores.Workspace.Path("outbox"));
        await File.WriteAllTextAsync(bed.Stores.Workspace.Path(Path.Combine("outbox", $"mailing-{mailing.Id}")), "in the way");

        var run = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((MailingStatus.Finished, 0L, 4L), (run.Status, run.Sent, run.Failed));
        var failed = await bed.Mailings.RowsAsync(mailing.Id, LedgerStatus.Failed, 10, CancellationToken.None);
        Assert.All(failed, row => Assert.StartsWith("transport error: ", row.Reply));
        Assert.All(failed, row => Assert.Contains($"gave up after {bed.Options.MaxAttempts} attempts", row.Reply));
    }

    [Fact]
    public async Task A_mailing_whose_content_no_longer_compiles_pauses_and_says_why()
    {
        await using var bed = await DeliveryTestBed.CreateAsync(3);
        var mailing = await bed.StartAsync();
        bed.Content.Invalid = "templates/cecop-link.html.sbn:12:5: unknown variable 'readmore'";

        var run = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);

        Assert.Equal(MailingStatus.Paused, run.Status);
        var paused = await bed.Mailings.GetAsync(mailing.Id, CancellationToken.None);
        Assert.Equal(MailingStatus.Paused, paused.Status);
        Assert.Equal("its content no longer compiles: templates/cecop-link.html.sbn:12:5: unknown variable 'readmore'", paused.StatusReason);
        Assert.Equal(new Dictionary<string, long> { ["pending"] = 3 }, await bed.CountsAsync(mailing.Id));

        bed.Content.Invalid = null;
        await bed.Mailings.ResumeAsync(mailing.Id, CancellationToken.None);
        var resumed = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);
        Assert.Equal((MailingStatus.Finished, 3L), (resumed.Status, resumed.Sent));
    }

    [Fact]
    public async Task A_person_who_left_after_the_ledger_was_written_is_skipped()
    {
        await using var bed = await DeliveryTestBed.CreateAsync(20);
        var mailing = await bed.StartAsync();
        await using (var connection = await bed.Stores.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE subscribers SET status = 'unsubscribed' WHERE email = @E", new { E = DeliveryTestBed.Email(4) });
            await connection.ExecuteAsync("UPDATE subscriptions SET status = 'unsubscribed' WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = @E)", new { E = DeliveryTestBed.Email(9) });
        }

        var run = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);

        Assert.Equal((18L, 2L), (run.Sent, run.Skipped));
        Assert.Equal(new Dictionary<string, long> { ["sent"] = 18, ["skipped"] = 2 }, await bed.CountsAsync(mailing.Id));
        Assert.Equal(18, Files(bed, mailing.Id).Length);
    }

    [Fact]
    public async Task A_person_on_the_audience_twice_is_written_to_the_ledger_once()
    {
        await using var bed = await DeliveryTestBed.CreateAsync(10);
        var recipients = await bed.Stores.Resolver.RecipientsAsync(await bed.Stores.Resolver.ResolveAsync("list:external-newsletter", CancellationToken.None), CancellationToken.None);
        var audience = await bed.Stores.Resolver.ResolveAsync("list:external-newsletter", CancellationToken.None);
        var mailing = await bed.Mailings.CreateAsync(new Content.MailingSource(Content.MailingSourceKind.Edition, 1), "twice", audience, [.. recipients, .. recipients],
            MailingStatus.Running, CancellationToken.None);
        Assert.Equal(10, mailing.Total);
    }

    // 600 recipients at 200 a second, stopped from outside after 0.7 s: about half way.
    private static async Task<(DeliveryTestBed, Mailing, Task<SendRun>)> StartThrottledAsync()
    {
        var options = DeliveryTestBed.TestOptions();
        options.RatePerSecond = 200;
        var bed = await DeliveryTestBed.CreateAsync(600, options);
        var mailing = await bed.StartAsync();
        var running = bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);
        await Task.Delay(700);
        return (bed, mailing, running);
    }

    [Fact]
    public async Task Pause_stops_within_a_second_and_resume_finishes_with_one_message_each()
    {
        var (bed, mailing, running) = await StartThrottledAsync();
        await using var _ = bed;

        var sentBeforePause = Files(bed, mailing.Id).Length;
        await bed.Mailings.PauseAsync(mailing.Id, null, CancellationToken.None);
        var run = await running;

        Assert.Equal(MailingStatus.Paused, run.Status);
        var sentWhilePaused = Files(bed, mailing.Id).Length;
        // Within a second of sending: at 200 a second, at most 200 more messages went out after the pause (counted in
        // messages rather than wall time, so a loaded machine or a moved clock does not change the verdict).
        Assert.True(sentWhilePaused - sentBeforePause <= 200, $"{sentWhilePaused - sentBeforePause} messages went out after the pause");
        Assert.InRange(sentWhilePaused, 50, 500);
        await Task.Delay(400);
        Assert.Equal(sentWhilePaused, Files(bed, mailing.Id).Length);
        var counts = await bed.CountsAsync(mailing.Id);
        Assert.False(counts.ContainsKey("sending"));

        await bed.Mailings.ResumeAsync(mailing.Id, CancellationToken.None);
        var resumed = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);

        Assert.Equal(MailingStatus.Finished, resumed.Status);
        Assert.Equal(600, run.Sent + resumed.Sent);
        Assert.Equal(600, Files(bed, mailing.Id).Length);
        Assert.Equal(new Dictionary<string, long> { ["sent"] = 600 }, await bed.CountsAsync(mailing.Id));
    }

    [Fact]
    public async Task Cancel_stops_within_a_second_and_skips_everyone_not_yet_sent()
    {
        var (bed, mailing, running) = await StartThrottledAsync();
        await using var _ = bed;

        var sentBeforeCancel = Files(bed, mailing.Id).Length;
        await bed.Mailings.CancelAsync(mailing.Id, CancellationToken.None);
        var run = await running;

        var sentAfterCancel = Files(bed, mailing.Id).Length - sentBeforeCancel;
        Assert.True(sentAfterCancel <= 200, $"{sentAfterCancel} messages went out after the cancel (more than a second's worth at 200 a second)");
        Assert.Equal(MailingStatus.Cancelled, run.Status);
        var counts = await bed.CountsAsync(mailing.Id);
        Assert.Equal(600, counts.Values.Sum());
        Assert.Equal(Files(bed, mailing.Id).Length, counts["sent"]);
        Assert.Equal(600 - counts["sent"], counts["skipped"]);
        Assert.Contains(bed.Content.States, s => s.State == Content.ContentState.Cancelled);
        await Assert.ThrowsAsync<MailingException>(() => bed.Mailings.ResumeAsync(mailing.Id, CancellationToken.None));
    }

    [Fact]
    public async Task The_rate_limit_holds()
    {
        var options = DeliveryTestBed.TestOptions();
        options.RatePerSecond = 100;
        await using var bed = await DeliveryTestBed.CreateAsync(250, options);
        var mailing = await bed.StartAsync();

        var run = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);

        // A burst of one second's worth, then 100 a second: 250 take about 1.5 s.
        Assert.Equal(250, run.Sent);
        Assert.InRange(run.Elapsed.TotalSeconds, 1.3, 6);
    }

    [Fact]
    public async Task Retry_failed_sends_the_failed_rows_again()
    {
        await using var bed = await DeliveryTestBed.CreateAsync(10);
        var mailing = await bed.StartAsync();
        await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);
        await using (var connection = await bed.Stores.Database.OpenAsync())
            await connection.ExecuteAsync("UPDATE ledger SET status = 'failed', reply = '554 no' WHERE mailing_id = @Id AND id % 2 = 0", new { mailing.Id });

        var (again, requeued) = await bed.Mailings.RetryFailedAsync(mailing.Id, CancellationToken.None);
        Assert.Equal(5, requeued);
        Assert.Equal(MailingStatus.Running, again.Status);
        var run = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);
        Assert.Equal((MailingStatus.Finished, 5L), (run.Status, run.Sent));
    }
}
