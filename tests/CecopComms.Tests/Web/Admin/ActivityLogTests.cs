using System.Net;
using CecopComms.Audience;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.Admin.SendingStaff;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// The activity log: actions done through the admin pages write one line each, with the staff member who did them and
/// only once they succeeded; an erasure's line names no address; /admin/activity shows the lines newest first to every
/// staff member, filtered by kind, staff member and days, a hundred at a time.
/// </summary>
public sealed class ActivityLogTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    private sealed record Line(string Actor, string Action, string Subject, string Detail);

    private async Task<IReadOnlyList<Line>> LinesAsync(string actor)
    {
        await using var connection = await factory.Database.OpenAsync();
        return (await connection.QueryAsync<Line>("SELECT actor, action, subject, detail FROM activity WHERE actor = @actor ORDER BY id", new { actor })).AsList();
    }

    private async Task AddLineAsync(string at, string actor, string action, string subject)
    {
        await using var connection = await factory.Database.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO activity (at, actor, action, subject, detail) VALUES (@At, @actor, @action, @subject, '')",
            new { At = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), actor, action, subject });
    }

    [Fact]
    public async Task Scheduling_cancelling_sending_erasing_and_a_role_change_each_write_a_line_with_who_did_it()
    {
        var scheduled = await DraftAsync(factory);
        var sent = await DraftAsync(factory);
        await AddSubscriberAsync(factory, "log-reader@example.org", ["external-newsletter"]);
        var person = await AddSubscriberAsync(factory, "log-erase-me@example.org", ["external-newsletter"], name: "Erin Logged");
        var (editor, editorAccount) = await StaffSession.SignInAsync(factory, "editor");
        var (admin, adminAccount) = await StaffSession.SignInAsync(factory, "admin");
        var (_, other) = await StaffSession.SignInAsync(factory, "viewer");

        using (var response = await SubmitAsync(editor, "/admin/sending", "/admin/sending?handler=Schedule",
            ("Source", $"edition:{scheduled}"), ("Date", $"{DateTime.UtcNow.Year + 1}-03-03"), ("Time", "10:00")))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var schedule = await ScalarAsync<long>(factory, "SELECT id FROM schedules WHERE source = @source", new { source = $"edition:{scheduled}" });
        using (var response = await SubmitAsync(editor, "/admin/sending", $"/admin/sending?handler=CancelSchedule&id={schedule}", ("confirmed", "yes")))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, started) = await SendNowConfirmedAsync(editor, $"edition:{sent}");
        using (started) Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var page = $"/admin/audiences/subscribers/show?email={Uri.EscapeDataString(person.Email)}";
        using (var response = await SubmitAsync(editor, page, "/admin/audiences/subscribers/show?handler=Erase", ("Email", person.Email), ("confirmed", "yes")))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var account = $"/admin/staff/{other.Id}";
        using (var response = await SubmitAsync(admin, account, $"{account}?handler=Role", ("Role", "editor")))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var lines = await LinesAsync(editorAccount.Email);
        Assert.Equal(["schedule", "cancel-schedule", "send", "erase"], lines.Select(l => l.Action));
        Assert.Contains($"(edition {scheduled})", lines[0].Subject);
        Assert.StartsWith($"Schedule {schedule}: once, at {DateTime.UtcNow.Year + 1}-03-03 10:00 +01:00 Europe/Brussels", lines[0].Detail);
        Assert.Equal($"Schedule {schedule} cancelled; what it would send is a draft again.", lines[1].Detail);
        Assert.Matches(@"^Mailing \d+ started now to .+: \d+ recipients\.$", lines[2].Detail);
        Assert.Equal($"a subscriber (id {person.Id})", lines[3].Subject);
        Assert.Equal(0L, await ScalarAsync<long>(factory,
            "SELECT count(*) FROM activity WHERE replace(subject || detail, 'log-erase-me', '') <> subject || detail OR replace(subject || detail, 'Erin', '') <> subject || detail"));

        var role = Assert.Single(await LinesAsync(adminAccount.Email));
        Assert.Equal(new Line(adminAccount.Email, "role-change", other.Email, "Role viewer → editor."), role);
    }

    [Fact]
    public async Task Pausing_resuming_and_cancelling_a_mailing_and_deleting_a_list_write_a_line_each()
    {
        var edition = await DraftAsync(factory);
        await AddSubscriberAsync(factory, "log-mailing@example.org", ["external-newsletter"]);
        await factory.Services.GetRequiredService<ListStore>().CreateAsync("log-gone", "Log gone", "", false, false, false, CancellationToken.None);
        var (editor, account) = await StaffSession.SignInAsync(factory, "editor");
        var (_, started) = await SendNowConfirmedAsync(editor, $"edition:{edition}");
        using (started) Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var page = started.Headers.Location!.OriginalString;
        foreach (var handler in new[] { "Pause", "Resume", "Cancel" })
            using (var response = await SubmitAsync(editor, page, $"{page}?handler={handler}", ("confirmed", "yes")))
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using (var response = await SubmitAsync(editor, "/admin/audiences/lists/log-gone", "/admin/audiences/lists/log-gone?handler=Delete", ("confirmed", "yes")))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var lines = await LinesAsync(account.Email);
        Assert.Equal(["send", "pause", "resume", "cancel-mailing", "delete-list"], lines.Select(l => l.Action));
        Assert.All(lines.Skip(1).Take(3), l => Assert.Equal(lines[0].Subject, l.Subject));
        Assert.Equal(new Line(account.Email, "delete-list", "log-gone", "Deleted the list Log gone and its 0 subscriptions."), lines[4]);
    }

    [Fact]
    public async Task Refused_and_unconfirmed_actions_write_nothing()
    {
        var edition = await DraftAsync(factory);
        var person = await AddSubscriberAsync(factory, "log-kept@example.org", ["external-newsletter"]);
        var (viewer, viewerAccount) = await StaffSession.SignInAsync(factory, "viewer");
        var (editor, editorAccount) = await StaffSession.SignInAsync(factory, "editor");
        var (admin, adminAccount) = await StaffSession.SignInAsync(factory, "admin");

        using (var response = await SubmitAsync(viewer, "/admin/sending", "/admin/sending?handler=Schedule",
            ("Source", $"edition:{edition}"), ("Date", $"{DateTime.UtcNow.Year + 1}-03-03"), ("Time", "10:00")))
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        // A time in the past, a schedule that does not exist, an erasure not confirmed, a role that does not exist.
        using (var response = await SubmitAsync(editor, "/admin/sending", "/admin/sending?handler=Schedule", ("Source", $"edition:{edition}"), ("Date", "2001-01-01"), ("Time", "10:00")))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var response = await SubmitAsync(editor, "/admin/sending", "/admin/sending?handler=CancelSchedule&id=424242", ("confirmed", "yes")))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = $"/admin/audiences/subscribers/show?email={Uri.EscapeDataString(person.Email)}";
        using (var response = await SubmitAsync(editor, page, "/admin/audiences/subscribers/show?handler=Erase", ("Email", person.Email)))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var account = $"/admin/staff/{viewerAccount.Id}";
        using (var response = await SubmitAsync(admin, account, $"{account}?handler=Role", ("Role", "owner")))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal("draft", await ScalarAsync<string>(factory, "SELECT state FROM editions WHERE id = @edition", new { edition }));
        Assert.Empty(await LinesAsync(viewerAccount.Email));
        Assert.Empty(await LinesAsync(editorAccount.Email));
        Assert.Empty(await LinesAsync(adminAccount.Email));
    }

    [Fact]
    public async Task A_viewer_reads_the_log_newest_first_filtered_by_kind_staff_member_and_brussels_days()
    {
        var actor = $"filter-{Guid.NewGuid():N}@cecop.example";
        await AddLineAsync("2020-01-01T10:00:00.000Z", actor, "import", "first-day");
        // 00:30 on 2 January in Brussels.
        await AddLineAsync("2020-01-01T23:30:00.000Z", actor, "erase", "second-day-early");
        await AddLineAsync("2020-01-03T12:00:00.000Z", actor, "erase", "third-day");
        await AddLineAsync("2020-01-03T13:00:00.000Z", "someone-else@cecop.example", "erase", "not-theirs");
        var (viewer, _) = await StaffSession.SignInAsync(factory, "viewer");
        Assert.Contains("href=\"/admin/activity\"", await HtmlAsync(viewer, "/admin"));

        string Query(string filters) => $"/admin/activity?Actor={Uri.EscapeDataString(actor)}{filters}";
        var all = WebUtility.HtmlDecode(await HtmlAsync(viewer, Query("")));
        Assert.True(all.IndexOf("third-day", StringComparison.Ordinal) < all.IndexOf("second-day-early", StringComparison.Ordinal));
        Assert.True(all.IndexOf("second-day-early", StringComparison.Ordinal) < all.IndexOf("first-day", StringComparison.Ordinal));
        Assert.DoesNotContain("not-theirs", all);
        Assert.Contains("2020-01-02 00:30 +01:00 Europe/Brussels", all);
        Assert.Contains($"<option value=\"{actor}\" selected=\"selected\">", all);

        var erasures = await HtmlAsync(viewer, Query("&Action=erase"));
        Assert.Contains("third-day", erasures);
        Assert.Contains("second-day-early", erasures);
        Assert.DoesNotContain("first-day", erasures);

        var secondDay = await HtmlAsync(viewer, Query("&From=2020-01-02&Until=2020-01-02"));
        Assert.Contains("second-day-early", secondDay);
        Assert.DoesNotContain("first-day", secondDay);
        Assert.DoesNotContain("third-day", secondDay);

        var wrong = WebUtility.HtmlDecode(await HtmlAsync(viewer, Query("&From=yesterday")));
        Assert.Contains("The first day is not a date: give it as 2026-12-31.", wrong);
        Assert.DoesNotContain("third-day", wrong);
    }

    [Fact]
    public async Task A_hundred_lines_a_page_with_a_link_to_the_older_ones_that_keeps_the_filters()
    {
        var actor = $"paging-{Guid.NewGuid():N}@cecop.example";
        for (var i = 0; i < 101; i++) await AddLineAsync($"2021-05-01T10:{i / 60:00}:{i % 60:00}.000Z", actor, "send", $"line-{i:000}-end");
        var (viewer, _) = await StaffSession.SignInAsync(factory, "viewer");

        var first = await HtmlAsync(viewer, $"/admin/activity?Actor={Uri.EscapeDataString(actor)}&Action=send");
        Assert.Contains("line-100-end", first);
        Assert.Contains("line-001-end", first);
        Assert.DoesNotContain("line-000-end", first);
        var older = System.Text.RegularExpressions.Regex.Match(first, "<a href=\"([^\"]+)\" rel=\"next\">").Groups[1].Value;
        Assert.Contains("Action=send", older);

        var second = await HtmlAsync(viewer, WebUtility.HtmlDecode(older));
        Assert.Contains("line-000-end", second);
        Assert.DoesNotContain("line-001-end", second);
        Assert.DoesNotContain("rel=\"next\"", second);
    }

    [Fact]
    public async Task A_log_that_cannot_be_written_does_not_undo_the_action()
    {
        await using var broken = new CecopWebFactory();
        await broken.Services.GetRequiredService<ListStore>().CreateAsync("log-broken", "Log broken", "", false, false, false, CancellationToken.None);
        await using (var connection = await broken.Database.OpenAsync()) await connection.ExecuteAsync("DROP TABLE activity");
        var (editor, _) = await StaffSession.SignInAsync(broken, "editor");

        using (var response = await SubmitAsync(editor, "/admin/audiences/lists/log-broken", "/admin/audiences/lists/log-broken?handler=Delete", ("confirmed", "yes")))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0L, await ScalarAsync<long>(broken, "SELECT count(*) FROM lists WHERE slug = 'log-broken'"));
    }
}
