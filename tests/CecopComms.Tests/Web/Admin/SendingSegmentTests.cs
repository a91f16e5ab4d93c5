using Dapper;
using System.Net;
using CecopComms.Audience;
using CecopComms.Audience.Segments;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Tests.Web.Admin.SendingStaff;
using static CecopComms.Tests.Web.WebTestData;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// /admin/sending with a segment chosen as the audience of a send now or a schedule: offered but never pre-selected,
/// named with its live count on the confirmation, the ledger holding exactly its people, a schedule storing and listing
/// it; members-only content refused a segment that reaches others, on the page, when the confirmation is forged and
/// when scheduling; viewers refused.
/// </summary>
public sealed class SendingSegmentTests(CecopWebFactory factory) : IClassFixture<CecopWebFactory>
{
    /// <summary>A draft edition of <paramref name="file"/> with a number of its own; returns its source.</summary>
    private async Task<string> DraftAsync(string file = "cecop-newsletter-2021-06.yaml") => "edition:" + await SendingStaff.DraftAsync(factory, file);

    /// <summary>
    /// A segment of the people confirmed on a list of its own: <paramref name="members"/> contacts of a member
    /// organisation and <paramref name="others"/> people who are not. Everyone reads the CECOP Newsletter and the members
    /// CECOP Link too, since a segment only narrows the content's own audience. Returns its slug and the members' addresses.
    /// </summary>
    private async Task<(string Slug, string[] Members)> SegmentAsync(int members, int others)
    {
        var slug = $"cohort-{Guid.NewGuid():N}"[..16];
        await factory.Services.GetRequiredService<ListStore>().CreateAsync(slug, slug, "", false, false, false, CancellationToken.None);
        var emails = new List<string>();
        for (var i = 0; i < members + others; i++)
        {
            var email = $"{slug}-{i}@example.org";
            await AddSubscriberAsync(factory, email, i < members ? [slug, "external-newsletter", "cecop-link"] : [slug, "external-newsletter"], member: i < members);
            if (i < members) emails.Add(email);
        }
        await factory.Services.GetRequiredService<SegmentStore>().CreateAsync(slug, $"Cohort {slug}", SegmentFilterParser.Parse([$"list={slug}"]), CancellationToken.None);
        return (slug, emails.ToArray());
    }

    private Task<long> MailingsOfAsync(string source) => ScalarAsync<long>(factory,
        "SELECT count(*) FROM mailings WHERE source_kind = 'edition' AND source_id = @id", new { id = long.Parse(source["edition:".Length..]) });

    [Fact]
    public async Task A_segment_is_offered_but_not_pre_selected_and_a_send_now_to_it_reaches_exactly_its_people()
    {
        var source = await DraftAsync();
        var (slug, _) = await SegmentAsync(2, 1);
        using var client = await SignInAsync(factory, "editor");

        var form = await HtmlAsync(client, "/admin/sending");
        Assert.Contains($"<option value=\"segment:{slug}\">Cohort {slug}</option>", form);
        Assert.Contains("<option value=\"\" selected=\"selected\">The content&#x27;s own audience</option>", form);
        Assert.DoesNotContain("\" selected=\"selected\">Cohort", form);

        var (confirmation, sent) = await SendNowConfirmedAsync(client, source, $"segment:{slug}");
        using var _sent = sent;
        Assert.Contains($"It goes now to the 3 recipients of the segment Cohort {slug}, counted just now.", confirmation.Replace("<strong>", "").Replace("</strong>", ""));
        Assert.Contains($"name=\"Audience\" value=\"segment:{slug}\"", confirmation);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mailing = await ScalarAsync<long>(factory, "SELECT id FROM mailings WHERE source_kind = 'edition' AND source_id = @id AND audience = @audience",
            new { id = long.Parse(source["edition:".Length..]), audience = $"segment:{slug}" });
        await using var connection = await factory.Database.OpenAsync();
        var ledger = await connection.QueryAsync<string>(
            "SELECT s.email FROM ledger g JOIN subscribers s ON s.id = g.subscriber_id WHERE g.mailing_id = @mailing ORDER BY s.email", new { mailing });
        Assert.Equal(Enumerable.Range(0, 3).Select(i => $"{slug}-{i}@example.org"), ledger);
    }

    [Fact]
    public async Task Members_only_content_is_refused_a_segment_reaching_non_members_on_the_page_and_when_the_confirmation_is_forged()
    {
        var link = await DraftAsync("cecop-link-2021-06.yaml");
        var (mixed, _) = await SegmentAsync(1, 2);
        var (members, emails) = await SegmentAsync(2, 0);
        using var client = await SignInAsync(factory, "editor");

        using (var asked = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=SendNow", ("Source", link), ("Audience", $"segment:{mixed}")))
        {
            var text = await TextAsync(asked);
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            Assert.Contains($"This content is for members only, and Cohort {mixed} reaches 2 people who are not contacts of a member organisation, so it cannot receive it.", text);
            Assert.DoesNotContain("confirm-send-heading", text);
            Assert.DoesNotContain("`cecop", text);
        }
        // Past the page: a confirmation posted by hand with the segment's count is refused by the server all the same.
        using (var forged = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=SendNow", ("Source", link), ("Audience", $"segment:{mixed}"), ("Count", "3"), ("confirmed", "yes")))
            Assert.Contains("reaches 2 people who are not contacts of a member organisation", await TextAsync(forged));
        Assert.Equal(0, await MailingsOfAsync(link));

        var (confirmation, sent) = await SendNowConfirmedAsync(client, link, $"segment:{members}");
        using var _sent = sent;
        Assert.Contains($"segment <strong>Cohort {members}</strong>", confirmation);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await using var connection = await factory.Database.OpenAsync();
        var reached = await connection.QueryAsync<string>(
            "SELECT s.email FROM ledger g JOIN subscribers s ON s.id = g.subscriber_id JOIN mailings m ON m.id = g.mailing_id WHERE m.audience = @audience",
            new { audience = $"segment:{members}" });
        Assert.Equal(2, reached.Count(emails.Contains));
    }

    [Fact]
    public async Task A_schedule_to_a_segment_is_stored_and_listed_with_its_audience_and_an_audience_that_is_not_a_segment_is_refused()
    {
        var source = await DraftAsync();
        var (slug, _) = await SegmentAsync(1, 0);
        using var client = await SignInAsync(factory, "editor");

        using (var scheduled = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=Schedule", ("Source", source), ("Audience", $"segment:{slug}"),
            ("Date", $"{DateTime.UtcNow.Year + 1}-01-15"), ("Time", "10:00")))
            Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Equal($"segment:{slug}", await ScalarAsync<string>(factory, "SELECT audience FROM schedules WHERE source = @source AND status = 'active'", new { source }));
        var page = await HtmlAsync(client, "/admin/sending");
        Assert.Contains($"goes out to the segment Cohort {slug} at {DateTime.UtcNow.Year + 1}-01-15 10:00", page);
        Assert.Contains($"<td>the segment Cohort {slug}</td>", page);

        using (var list = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=Schedule", ("Source", source), ("Audience", "list:cecop-link"),
            ("Date", $"{DateTime.UtcNow.Year + 1}-01-16"), ("Time", "10:00")))
            Assert.Contains("Choose one of the segments as the audience, or the content's own audience.", await TextAsync(list));
        using (var list = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=SendNow", ("Source", source), ("Audience", "list:cecop-link")))
            Assert.Contains("Choose one of the segments as the audience, or the content's own audience.", await TextAsync(list));
        Assert.Equal(0, await MailingsOfAsync(source));
        Assert.Equal(1, await ScalarAsync<long>(factory, "SELECT count(*) FROM schedules WHERE source = @source", new { source }));
    }

    [Fact]
    public async Task Members_only_content_cannot_be_scheduled_to_a_segment_that_reaches_non_members()
    {
        var link = await DraftAsync("cecop-link-2021-06.yaml");
        var (mixed, _) = await SegmentAsync(1, 2);
        using var client = await SignInAsync(factory, "editor");

        using var refused = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=Schedule", ("Source", link), ("Audience", $"segment:{mixed}"),
            ("Date", $"{DateTime.UtcNow.Year + 1}-01-15"), ("Time", "10:00"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"This content is for members only, and Cohort {mixed} reaches 2 people who are not contacts of a member organisation, so it cannot receive it.", await TextAsync(refused));
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM schedules WHERE source = @source", new { source = link }));
    }

    [Fact]
    public async Task A_recurring_schedule_goes_to_a_chosen_segment_and_a_members_only_publication_is_refused_one_that_reaches_others()
    {
        var (mixed, _) = await SegmentAsync(1, 2);
        var (members, _) = await SegmentAsync(2, 0);
        using var client = await SignInAsync(factory, "editor");
        var form = await HtmlAsync(client, "/admin/sending");
        Assert.Contains("<select id=\"recurring-audience\" name=\"Audience\"", form);

        using (var refused = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=Recurring", ("Publication", "cecop-link"), ("Cron", "0 0 10 ? * TUE#1"),
            ("Audience", $"segment:{mixed}")))
            Assert.Contains($"This content is for members only, and Cohort {mixed} reaches 2 people who are not contacts of a member organisation, so it cannot receive it.",
                await TextAsync(refused));
        Assert.Equal(0, await ScalarAsync<long>(factory, "SELECT count(*) FROM schedules WHERE audience = @audience", new { audience = $"segment:{mixed}" }));

        using (var made = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=Recurring", ("Publication", "cecop-link"), ("Cron", "0 0 10 ? * TUE#1"),
            ("Audience", $"segment:{members}")))
            Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        Assert.Equal("recurring cecop-link", await ScalarAsync<string>(factory,
            "SELECT kind || ' ' || publication FROM schedules WHERE audience = @audience AND status = 'active'", new { audience = $"segment:{members}" }));
        Assert.Contains($"<td>the segment Cohort {members}</td>", await HtmlAsync(client, "/admin/sending"));
    }

    [Fact]
    public async Task A_viewer_cannot_send_to_a_segment()
    {
        var source = await DraftAsync();
        var (slug, _) = await SegmentAsync(1, 0);
        using var client = await SignInAsync(factory, "viewer");

        using var response = await SubmitAsync(client, "/admin/sending", "/admin/sending?handler=SendNow", ("Source", source), ("Audience", $"segment:{slug}"), ("Count", "1"), ("confirmed", "yes"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await MailingsOfAsync(source));
    }
}
