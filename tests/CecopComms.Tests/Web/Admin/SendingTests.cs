using System.Text.RegularExpressions;
using System.Globalization;
using System.Net;
using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.Admin.SendingStaff;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// /admin/sending in the web host (no sender running): scheduling a draft at a Brussels time, refusing a past time,
/// sending now, recurring schedules and their cancelling, a mailing's pause, resume, cancel (after confirming) and retry,
/// the bounces, and viewers who read but cannot change anything.
/// </summary>
public sealed class SendingTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private Task<long> DraftAsync() => SendingStaff.DraftAsync(factory);

    [Fact]
    public async Task An_edition_scheduled_at_a_Brussels_time_is_stored_as_the_right_UTC_instant()
    {
        var winter = await DraftAsync();
        var summer = await DraftAsync();
        using var client = await SignInAsync(factory, "editor");
        var year = DateTime.UtcNow.Year + 1;

        var form = await HtmlAsync(client, "/admin/sending");
        Assert.Contains($"<option value=\"edition:{winter}\">", form);
        Assert.Contains("Europe/Brussels", form);
        using (var posted = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=Schedule",
            ("Source", $"edition:{winter}"), ("Date", $"{year}-01-15"), ("Time", "10:00")))
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await HtmlAsync(client, "/admin/sending");
        await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=Schedule",
            ("Source", $"edition:{summer}"), ("Date", $"{year}-07-01"), ("Time", "10:00"));

        // Brussels is UTC+1 in January and UTC+2 in July.
        Assert.Equal(new DateTimeOffset(year, 1, 15, 9, 0, 0, TimeSpan.Zero), await RunAtAsync($"edition:{winter}"));
        Assert.Equal(new DateTimeOffset(year, 7, 1, 8, 0, 0, TimeSpan.Zero), await RunAtAsync($"edition:{summer}"));
        Assert.Contains($"goes out at {year}-01-15 10:00 +01:00 Europe/Brussels, which is {year}-01-15 09:00 UTC.", WebUtility.HtmlDecode(after));
        Assert.Equal("scheduled", await ScalarAsync<string>(factory, "SELECT state FROM editions WHERE id = @winter", new { winter }));
        // A scheduled edition is no longer offered as a draft.
        Assert.DoesNotContain($"<option value=\"edition:{winter}\"", await HtmlAsync(client, "/admin/sending"));
    }

    [Fact]
    public async Task A_past_time_is_refused_with_a_sentence_and_nothing_is_scheduled()
    {
        var edition = await DraftAsync();
        using var client = await SignInAsync(factory, "editor");

        using var response = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=Schedule",
            ("Source", $"edition:{edition}"), ("Date", "2020-03-02"), ("Time", "10:00"));
        var html = await TextAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("2020-03-02 10:00 +01:00 is already past: give a time to come, or send it now.", html);
        // A sentence for the officer: no command line in the web.
        Assert.DoesNotContain("`cecop", html);
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM schedules WHERE source = @source", new { source = $"edition:{edition}" }));
        Assert.Equal("draft", await ScalarAsync<string>(factory, "SELECT state FROM editions WHERE id = @edition", new { edition }));

        using var noTime = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=Schedule", ("Source", $"edition:{edition}"), ("Date", ""), ("Time", ""));
        Assert.Contains("Give the date and the time of the send (in Europe/Brussels)", await TextAsync(noTime));
    }

    [Fact]
    public async Task Send_now_asks_first_naming_the_audience_and_its_live_count_then_writes_the_ledger_once()
    {
        var edition = await DraftAsync();
        await AddSubscriberAsync(factory, "send-now-1@example.org", ["external-newsletter"]);
        await AddSubscriberAsync(factory, "send-now-2@example.org", ["external-newsletter"]);
        using var client = await SignInAsync(factory, "editor");

        // Nothing is pre-selected: the officer chooses what goes out.
        Assert.Contains("<option value=\"\" disabled selected=\"selected\">Choose what to send</option>", await HtmlAsync(client, "/admin/sending"));

        // The first press only asks: the title, the list and its live count, and nothing is written.
        int count;
        using (var asked = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=SendNow", ("Source", $"edition:{edition}")))
        {
            var text = (await TextAsync(asked)).Replace("<strong>", "").Replace("</strong>", "");
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            count = int.Parse(Regex.Match(text, "It goes now to the ([0-9,]+) recipients of the list CECOP Newsletter, counted just now").Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            Assert.True(count >= 2);
            Assert.Contains("Send “CECOP Newsletter", text);
            Assert.Contains($"Yes, send to {count:N0} recipients now", text);
        }
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM mailings WHERE source_kind = 'edition' AND source_id = @edition", new { edition }));

        // Someone joins in between: the confirmed count no longer holds, so it asks again instead of sending.
        await AddSubscriberAsync(factory, "send-now-3@example.org", ["external-newsletter"]);
        using (var stale = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=SendNow", ("Source", $"edition:{edition}"), ("Count", count.ToString(CultureInfo.InvariantCulture)), ("confirmed", "yes")))
            Assert.Contains($"The audience changed since you looked: it has {count + 1:N0} recipients now, not {count:N0}.", await TextAsync(stale));
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM mailings WHERE source_kind = 'edition' AND source_id = @edition", new { edition }));

        var (_, sent) = await SendNowConfirmedAsync(client, $"edition:{edition}");
        using (sent) Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mailing = await ScalarAsync<long>(factory, "SELECT id FROM mailings WHERE source_kind = 'edition' AND source_id = @edition", new { edition });
        Assert.Equal($"/admin/sending/mailings/{mailing}", sent.Headers.Location?.OriginalString);
        var page = await HtmlAsync(client, sent.Headers.Location!.OriginalString);
        Assert.Contains("recipients in the ledger", page);
        Assert.Equal("running", await ScalarAsync<string>(factory, "SELECT status FROM mailings WHERE id = @mailing", new { mailing }));
        Assert.Equal(count + 1, await ScalarAsync<long>(factory, "SELECT count(*) FROM ledger WHERE mailing_id = @mailing", new { mailing }));

        using var again = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=SendNow", ("Source", $"edition:{edition}"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains($"already has mailing {mailing}, which is running: an edition or campaign mailing is sent once. Open mailing {mailing} to resume it", await TextAsync(again));
    }

    [Fact]
    public async Task Cancelling_a_schedule_asks_first_then_makes_the_edition_a_draft_that_can_be_edited_and_sent()
    {
        var edition = await DraftAsync();
        await AddSubscriberAsync(factory, "after-cancel@example.org", ["external-newsletter"]);
        using var client = await SignInAsync(factory, "editor");
        var year = DateTime.UtcNow.Year + 1;
        using (var scheduled = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=Schedule", ("Source", $"edition:{edition}"), ("Date", $"{year}-03-03"), ("Time", "10:00")))
            Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var id = await ScalarAsync<long>(factory, "SELECT id FROM schedules WHERE source = @source", new { source = $"edition:{edition}" });
        Assert.Equal("scheduled", await ScalarAsync<string>(factory, "SELECT state FROM editions WHERE id = @edition", new { edition }));
        // The schedules table names the edition by its title, not "edition:N".
        var listed = await TextAsync(await client.GetAsync("/admin/sending"));
        Assert.Contains($"(edition {edition})</td>", listed);

        using (var asked = await SubmitAsync(client, "/admin/sending", $"/admin/sending?handler=CancelSchedule&id={id}"))
        {
            var text = await TextAsync(asked);
            Assert.Contains($"Cancel schedule {id}?", text);
            Assert.Contains($"(edition {edition}) at {year}-03-03 10:00 +01:00 Europe/Brussels.", text);
        }
        Assert.Equal("active", await ScalarAsync<string>(factory, "SELECT status FROM schedules WHERE id = @id", new { id }));

        using (var cancelled = await SubmitAsync(client, "/admin/sending", $"/admin/sending?handler=CancelSchedule&id={id}", ("confirmed", "yes")))
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal("cancelled", await ScalarAsync<string>(factory, "SELECT status FROM schedules WHERE id = @id", new { id }));
        Assert.Equal("draft", await ScalarAsync<string>(factory, "SELECT state FROM editions WHERE id = @edition", new { edition }));
        var after = await TextAsync(await client.GetAsync("/admin/sending"));
        Assert.Contains($"Schedule {id} cancelled.", after);
        Assert.Contains("is a draft again: edit it under Content, schedule it or send it now.", after);
        Assert.Contains($"<option value=\"edition:{edition}\">", after);

        // The way forward from there: it can be edited (the compose page opens it), and sent now.
        Assert.Contains("Save the edition", await HtmlAsync(client, $"/admin/content/editions/compose?id={edition}"));
        var (_, sent) = await SendNowConfirmedAsync(client, $"edition:{edition}");
        using (sent) Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("sending", await ScalarAsync<string>(factory, "SELECT state FROM editions WHERE id = @edition", new { edition }));
    }

    [Fact]
    public async Task An_edition_whose_mailing_was_cancelled_or_that_was_left_marked_scheduled_is_offered_again_but_a_sent_one_is_not()
    {
        var cancelledOne = await DraftAsync();
        var stranded = await DraftAsync();
        var sentOne = await DraftAsync();
        await AddSubscriberAsync(factory, "offered-again@example.org", ["external-newsletter"]);
        var starter = factory.Services.GetRequiredService<MailingStarter>();
        var store = factory.Services.GetRequiredService<MailingStore>();
        var first = await starter.StartAsync(new MailingSource(MailingSourceKind.Edition, cancelledOne), MailingStatus.Running, CancellationToken.None);
        await store.CancelAsync(first.Id, CancellationToken.None);
        await factory.Services.GetRequiredService<MailingContent>().SetStateAsync(new MailingSource(MailingSourceKind.Edition, cancelledOne), ContentState.Cancelled, CancellationToken.None);
        // Left "scheduled" by a schedule cancelled before this release: no schedule and no mailing hold it.
        await ScalarAsync<long>(factory, "UPDATE editions SET state = 'scheduled' WHERE id = @stranded", new { stranded });
        var done = await starter.StartAsync(new MailingSource(MailingSourceKind.Edition, sentOne), MailingStatus.Running, CancellationToken.None);
        await store.SetStatusAsync(done.Id, [MailingStatus.Running], MailingStatus.Finished, null, CancellationToken.None);
        await ScalarAsync<long>(factory, "UPDATE editions SET state = 'sending' WHERE id = @sentOne", new { sentOne });
        using var client = await SignInAsync(factory, "editor");

        var form = await TextAsync(await client.GetAsync("/admin/sending"));

        Assert.Contains($"<option value=\"edition:{cancelledOne}\">", form);
        Assert.Contains($"(edition {cancelledOne}, its last mailing was cancelled)", form);
        Assert.Contains($"<option value=\"edition:{stranded}\">", form);
        Assert.DoesNotContain($"<option value=\"edition:{sentOne}\">", form);
        var (_, sent) = await SendNowConfirmedAsync(client, $"edition:{cancelledOne}");
        using (sent) Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(2, await ScalarAsync<long>(factory, "SELECT count(*) FROM mailings WHERE source_kind = 'edition' AND source_id = @cancelledOne", new { cancelledOne }));
    }

    [Fact]
    public async Task A_recurring_schedule_is_added_with_its_next_time_and_can_be_cancelled()
    {
        using var client = await SignInAsync(factory, "editor");

        using (var bad = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=Recurring", ("Publication", "cecop-link"), ("Cron", "every tuesday")))
            Assert.Contains("'every tuesday' is not a Quartz cron expression", await TextAsync(bad));
        using (var good = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=Recurring", ("Publication", "cecop-link"), ("Cron", "0 0 10 ? * TUE#1")))
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var id = await ScalarAsync<long>(factory, "SELECT max(id) FROM schedules WHERE kind = 'recurring' AND publication = 'cecop-link'");
        var listed = WebUtility.HtmlDecode(await HtmlAsync(client, "/admin/sending"));
        Assert.Contains("the next draft edition of CECOP Link at “0 0 10 ? * TUE#1” (Europe/Brussels), next ", listed);
        Assert.Contains($"Cancel schedule {id}…", listed);

        using (var asked = await SubmitAsync(client, "/admin/sending", $"/admin/sending?handler=CancelSchedule&id={id}"))
            Assert.Contains("It would send the next draft edition of cecop-link at “0 0 10 ? * TUE#1” (Europe/Brussels).", await TextAsync(asked));
        Assert.Equal("active", await ScalarAsync<string>(factory, "SELECT status FROM schedules WHERE id = @id", new { id }));
        using (var cancelled = await SubmitAsync(client, "/admin/sending", $"/admin/sending?handler=CancelSchedule&id={id}", ("confirmed", "yes")))
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal("cancelled", await ScalarAsync<string>(factory, "SELECT status FROM schedules WHERE id = @id", new { id }));
        using var twice = await SubmitAsync(client, "/admin/sending", $"/admin/sending?handler=CancelSchedule&id={id}", ("confirmed", "yes"));
        Assert.Contains($"Schedule {id} is cancelled: only an active schedule can be cancelled.", await TextAsync(twice));
    }

    [Fact]
    public async Task Pause_resume_retry_and_cancel_after_confirming_change_the_mailing()
    {
        var edition = await DraftAsync();
        await AddSubscriberAsync(factory, "controls-1@example.org", ["external-newsletter"]);
        var mailing = (await factory.Services.GetRequiredService<MailingStarter>()
            .StartAsync(new MailingSource(MailingSourceKind.Edition, edition), MailingStatus.Running, CancellationToken.None)).Id;
        await ScalarAsync<long>(factory, """
            UPDATE ledger SET status = 'failed', attempts = 5, reply = '452 4.2.2 Mailbox full <b>x</b>'
            WHERE id = (SELECT min(id) FROM ledger WHERE mailing_id = @mailing)
            """, new { mailing });
        using var client = await SignInAsync(factory, "editor");
        var page = $"/admin/sending/mailings/{mailing}";
        Task<string> StatusAsync() => ScalarAsync<string>(factory, "SELECT status FROM mailings WHERE id = @mailing", new { mailing });

        var html = await HtmlAsync(client, page);
        Assert.Contains("452 4.2.2 Mailbox full &lt;b&gt;x&lt;/b&gt;", html);
        Assert.Contains("<progress", html);

        using (var paused = await SubmitAsync(client, page, $"{page}?handler=Pause")) Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.Equal("paused", await StatusAsync());
        var pausedPage = await HtmlAsync(client, page);
        Assert.DoesNotContain("http-equiv=\"refresh\"", pausedPage);
        // The count at the moment of the pause is not the last word: messages already on their way still finish.
        Assert.Contains("sent so far; messages already on their way finish, and the figures below show the final count.", pausedPage);
        using (var resumed = await SubmitAsync(client, page, $"{page}?handler=Resume")) Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.Equal("running", await StatusAsync());
        using (var retried = await SubmitAsync(client, page, $"{page}?handler=RetryFailed")) Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM ledger WHERE mailing_id = @mailing AND status = 'failed'", new { mailing }));
        Assert.Contains("1 failed rows queued again", await HtmlAsync(client, page));

        // Cancelling asks first: the first button only leads to the confirmation.
        using (var asked = await SubmitAsync(client, page, $"{page}?handler=Cancel"))
        {
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
            Assert.Equal("running", await StatusAsync());
            var confirm = await HtmlAsync(client, asked.Headers.Location!.OriginalString);
            Assert.Contains($"Yes, cancel mailing {mailing}", confirm);
        }
        using (var cancelled = await SubmitAsync(client, page, $"{page}?handler=Cancel", ("confirmed", "yes"))) Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal("cancelled", await StatusAsync());
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM ledger WHERE mailing_id = @mailing AND status IN ('pending', 'retry')", new { mailing }));

        using var late = await SubmitAsync(client, page, $"{page}?handler=Pause");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains($"Mailing {mailing} is cancelled: it cannot be paused.", await TextAsync(late));
        using var missing = await client.GetAsync("/admin/sending/mailings/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Viewers_see_the_pages_but_every_change_is_forbidden()
    {
        var edition = await DraftAsync();
        var mailing = (await factory.Services.GetRequiredService<MailingStarter>()
            .StartAsync(new MailingSource(MailingSourceKind.Edition, edition), MailingStatus.Paused, CancellationToken.None)).Id;
        var schedule = (await factory.Services.GetRequiredService<SchedulePlanner>().RecurringAsync("cecop-newsletter", "0 0 9 ? * MON", null, CancellationToken.None)).Id;
        using var client = await SignInAsync(factory, "viewer");

        var sending = await HtmlAsync(client, "/admin/sending");
        Assert.Contains($"/admin/sending/mailings/{mailing}", sending);
        // The figures the mailing page's script reads: a viewer may read them, someone not signed in may not.
        using (var progress = await client.GetAsync($"/admin/sending/mailings/{mailing}?handler=Progress"))
        {
            Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
            Assert.Contains("\"status\":\"paused\"", await progress.Content.ReadAsStringAsync());
        }
        using (var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false }))
        using (var refused = await anonymous.GetAsync($"/admin/sending/mailings/{mailing}?handler=Progress"))
        {
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
            Assert.DoesNotContain("\"status\"", await refused.Content.ReadAsStringAsync());
        }
        Assert.DoesNotContain("Schedule the send", sending);
        Assert.DoesNotContain("Resume", await HtmlAsync(client, $"/admin/sending/mailings/{mailing}"));
        Assert.Contains("Recent bounces", await HtmlAsync(client, "/admin/sending/bounces"));

        var posts = new[]
        {
            ("/admin/sending", "/admin/sending?handler=Schedule", new[] { ("Source", $"edition:{edition}"), ("Date", $"{DateTime.UtcNow.Year + 1}-01-15"), ("Time", "10:00") }),
            ("/admin/sending", "/admin/sending?handler=SendNow", new[] { ("Source", $"edition:{edition}"), ("Count", "1"), ("confirmed", "yes") }),
            ("/admin/sending", "/admin/sending?handler=Recurring", new[] { ("Publication", "cecop-link"), ("Cron", "0 0 10 ? * TUE#1") }),
            ("/admin/sending", $"/admin/sending?handler=CancelSchedule&id={schedule}", new[] { ("confirmed", "yes") }),
            ("/admin/sending/bounces", "/admin/sending/bounces?handler=Fetch", Array.Empty<(string, string)>()),
        }.Concat(new[] { "Pause", "Resume", "RetryFailed", "Cancel" }.Select(h =>
            ($"/admin/sending/mailings/{mailing}", $"/admin/sending/mailings/{mailing}?handler={h}", new[] { ("confirmed", "yes") })));
        foreach (var (page, action, fields) in posts)
        {
            using var response = await SubmitAsync(client, page, action, fields);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{action}: {response.StatusCode}");
        }
        Assert.Equal("paused", await ScalarAsync<string>(factory, "SELECT status FROM mailings WHERE id = @mailing", new { mailing }));
        Assert.Equal("active", await ScalarAsync<string>(factory, "SELECT status FROM schedules WHERE id = @schedule", new { schedule }));
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM schedules WHERE source = @source", new { source = $"edition:{edition}" }));
    }

    [Fact]
    public async Task Bounces_are_listed_by_person_or_mailing_and_the_mailbox_button_says_it_is_not_set_up()
    {
        var hard = await AddSubscriberAsync(factory, "gone@example.org", ["external-newsletter"]);
        var soft = await AddSubscriberAsync(factory, "full@example.org", ["external-newsletter"]);
        var mailing = await AddMailingAsync(factory, "external-newsletter");
        await ScalarAsync<long>(factory, """
            INSERT INTO bounces (mailing_id, subscriber_id, kind, code, reply, source, bounced_at) VALUES
              (@mailing, @hard, 'hard', '550 5.1.1', 'User <unknown>', 'smtp', '2026-03-01T09:05:00.000Z'),
              (NULL, @soft, 'soft', '452 4.2.2', 'Mailbox full', 'dsn', '2026-03-02T09:05:00.000Z')
            """, new { mailing, hard = hard.Id, soft = soft.Id });
        using var client = await SignInAsync(factory, "editor");

        var all = await HtmlAsync(client, "/admin/sending/bounces");
        Assert.Contains("User &lt;unknown&gt;", all);
        Assert.Contains("Mailbox full", all);
        Assert.Contains("The bounce mailbox is not set up", all);
        Assert.Contains("2026-03-01 10:05 +01:00 Europe/Brussels", WebUtility.HtmlDecode(all));
        var byEmail = await HtmlAsync(client, "/admin/sending/bounces?Email=FULL%40example.org");
        Assert.Contains("Mailbox full", byEmail);
        Assert.DoesNotContain("User &lt;unknown&gt;", byEmail);
        var byMailing = await HtmlAsync(client, $"/admin/sending/bounces?Mailing={mailing}");
        Assert.Contains("User &lt;unknown&gt;", byMailing);
        Assert.DoesNotContain("Mailbox full", byMailing);
        Assert.Contains("is not an e-mail address", await HtmlAsync(client, "/admin/sending/bounces?Email=not-an-address"));

        using var fetch = await SubmitAsync(client, "/admin/sending/bounces", "/admin/sending/bounces?handler=Fetch");
        Assert.Equal(HttpStatusCode.OK, fetch.StatusCode);
        Assert.Contains("<div class=\"problems\" role=\"alert\">", await fetch.Content.ReadAsStringAsync());
    }

    private async Task<DateTimeOffset?> RunAtAsync(string source) =>
        (await factory.Services.GetRequiredService<ScheduleStore>().ListAsync(null, CancellationToken.None)).Single(s => s.Source == source).RunAt;
}
