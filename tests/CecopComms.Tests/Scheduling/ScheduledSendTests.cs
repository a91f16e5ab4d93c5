using CecopComms.Audience;
using CecopComms.Audience.Segments;
using CecopComms.Content;
using CecopComms.Content.Editions;
using CecopComms.Delivery;
using CecopComms.Scheduling;
using CecopComms.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CecopComms.Tests.Scheduling;

/// <summary>What a trigger does when it fires, on the bed's fake clock moved to each scenario instant.</summary>
public sealed class ScheduledSendTests
{
    private static readonly DateTimeOffset Due = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero); // 10:00 in Brussels

    private static ScheduledSend Send(SchedulingTestBed bed, DateTimeOffset now)
    {
        bed.FakeClock.SetUtcNow(now);
        return bed.Services.GetRequiredService<ScheduledSend>();
    }

    private static Task<Schedule> AddOnceAsync(SchedulingTestBed bed, DateTimeOffset at) =>
        bed.Services.GetRequiredService<ScheduleStore>().AddAsync(new Schedule { Kind = "once", Source = bed.Source.ToString(), RunAt = at, TimeZone = "Europe/Brussels" }, CancellationToken.None);

    [Fact]
    public async Task At_its_time_a_one_off_schedule_starts_the_mailing_with_its_whole_ledger()
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 7);
        var schedule = await AddOnceAsync(bed, Due);

        var mailing = await Send(bed, Due.AddSeconds(1)).FireAsync(schedule.Id, CancellationToken.None);

        Assert.NotNull(mailing);
        Assert.Equal((MailingStatus.Running, 7L), (mailing.Status, mailing.Total));
        var after = await bed.Services.GetRequiredService<ScheduleStore>().GetAsync(schedule.Id, CancellationToken.None);
        Assert.Equal((ScheduleStatus.Done, mailing.Id), (after.Status, after.LastMailingId));
        Assert.Contains("2026-12-01 10:00 +01:00 Europe/Brussels", after.Note);
    }

    [Fact]
    public async Task A_send_missed_by_less_than_the_grace_period_still_goes_out()
    {
        await using var bed = await SchedulingTestBed.CreateAsync();
        var schedule = await AddOnceAsync(bed, Due);
        Assert.NotNull(await Send(bed, Due.AddHours(5.9)).FireAsync(schedule.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_send_missed_by_more_than_the_grace_period_is_marked_missed_and_not_sent()
    {
        await using var bed = await SchedulingTestBed.CreateAsync();
        var schedule = await AddOnceAsync(bed, Due);

        Assert.Null(await Send(bed, Due.AddHours(6.5)).FireAsync(schedule.Id, CancellationToken.None));

        var after = await bed.Services.GetRequiredService<ScheduleStore>().GetAsync(schedule.Id, CancellationToken.None);
        Assert.Equal(ScheduleStatus.Missed, after.Status);
        Assert.StartsWith("missed: due 2026-12-01 10:00", after.Note);
        Assert.Empty(await bed.Services.GetRequiredService<MailingStore>().ListAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_recurring_schedule_sends_the_next_draft_edition_and_says_so_when_there_is_none()
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 3);
        var store = bed.Services.GetRequiredService<ScheduleStore>();
        // Created on the bed's clock (20 November 2026): its first occurrence is the first Tuesday of December.
        var schedule = await store.AddAsync(new Schedule { Kind = "recurring", Publication = "cecop-newsletter", Cron = "0 0 10 ? * TUE#1", TimeZone = "Europe/Brussels" }, CancellationToken.None);
        Assert.Equal(SchedulingTestBed.Start, schedule.CreatedAt);
        Assert.Equal(Due, ScheduledSend.PlannedOccurrence(schedule, Due.AddMinutes(1)));

        var first = await Send(bed, Due.AddMinutes(1)).FireAsync(schedule.Id, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Equal(bed.Source, first.Source);
        Assert.Equal(3, first.Total);

        // The only draft is now being sent: the next first Tuesday has nothing to send, and says so.
        var nextDue = new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero);
        Assert.Null(await Send(bed, nextDue.AddMinutes(1)).FireAsync(schedule.Id, CancellationToken.None));
        var after = await store.GetAsync(schedule.Id, CancellationToken.None);
        Assert.Equal(ScheduleStatus.Active, after.Status);
        Assert.Contains("no draft edition", after.Note);
        Assert.Equal(nextDue, after.LastFiredAt);
    }

    /// <summary>The e-mail addresses in the ledger of <paramref name="mailing"/>, in order.</summary>
    private static async Task<string[]> LedgerAsync(SchedulingTestBed bed, long mailing)
    {
        await using var connection = await bed.Services.GetRequiredService<Database>().OpenAsync();
        return (await connection.QueryAsync<string>(
            "SELECT s.email FROM ledger g JOIN subscribers s ON s.id = g.subscriber_id WHERE g.mailing_id = @mailing ORDER BY s.email", new { mailing })).ToArray();
    }

    private static Task<Subscriber> AddPersonAsync(SchedulingTestBed bed, string email, string language, string? organisation, params string[] lists) =>
        bed.Services.GetRequiredService<SubscriberStore>().AddAsync(new NewSubscriber(email, email, language, organisation), lists, confirmed: true, null, CancellationToken.None);

    private static Task<Segment> SegmentAsync(SchedulingTestBed bed, string slug, params string[] where) =>
        bed.Services.GetRequiredService<SegmentStore>().CreateAsync(slug, slug, SegmentFilterParser.Parse(where), CancellationToken.None);

    [Fact]
    public async Task A_one_off_schedule_to_a_segment_sends_at_its_time_to_the_people_of_the_content_s_list_the_segment_holds()
    {
        // person0 and person3 of the edition's list read Italian; an Italian reader of another list is in the segment but not the list.
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 6);
        await bed.Services.GetRequiredService<ListStore>().CreateAsync("other", "Other", "", false, false, false, CancellationToken.None);
        await AddPersonAsync(bed, "lettrice@example.it", "it", null, "other");
        await SegmentAsync(bed, "italian-readers", "language=it");
        var schedule = await bed.Services.GetRequiredService<SchedulePlanner>().OnceAsync(bed.Source, Due, "segment:italian-readers", CancellationToken.None);
        Assert.Equal("segment:italian-readers", (await bed.Services.GetRequiredService<ScheduleStore>().GetAsync(schedule.Id, CancellationToken.None)).Audience);

        var mailing = await Send(bed, Due.AddSeconds(1)).FireAsync(schedule.Id, CancellationToken.None);

        Assert.NotNull(mailing);
        Assert.Equal(("segment:italian-readers", 2L), (mailing.Audience, mailing.Total));
        Assert.Equal([Delivery.DeliveryTestBed.Email(0), Delivery.DeliveryTestBed.Email(3)], await LedgerAsync(bed, mailing.Id));
        Assert.Equal(ScheduleStatus.Done, (await bed.Services.GetRequiredService<ScheduleStore>().GetAsync(schedule.Id, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Members_only_content_scheduled_to_a_segment_that_gained_a_non_member_is_refused_when_it_fires_and_nothing_is_sent()
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 2);
        var (link, _) = await bed.Services.GetRequiredService<MailingContent>().SaveEditionAsync(new Content.Validation.SourceText("link.yaml",
            SchedulingTestBed.Edition.Replace("publication: cecop-newsletter", "publication: cecop-link")), CancellationToken.None);
        var source = new MailingSource(MailingSourceKind.Edition, link.Id);
        await bed.Services.GetRequiredService<OrganisationStore>().AddAsync("Legacoop Produzione e Servizi", "IT", "full", null, CancellationToken.None);
        await bed.Services.GetRequiredService<ListStore>().CreateAsync("cohort", "Cohort", "", false, false, false, CancellationToken.None);
        await AddPersonAsync(bed, "giulia@example.it", "it", "Legacoop Produzione e Servizi", "cohort", "cecop-link");
        await AddPersonAsync(bed, "marco@example.it", "it", "Legacoop Produzione e Servizi", "cohort", "cecop-link");
        await SegmentAsync(bed, "cohort", "list=cohort");
        var planner = bed.Services.GetRequiredService<SchedulePlanner>();
        var schedule = await planner.OnceAsync(source, Due, "segment:cohort", CancellationToken.None);

        // Someone who is not a member's contact joins the segment's list before the send: the rule holds at that moment.
        await AddPersonAsync(bed, "outsider@example.org", "en", null, "cohort");
        Assert.Null(await Send(bed, Due.AddSeconds(1)).FireAsync(schedule.Id, CancellationToken.None));

        var after = await bed.Services.GetRequiredService<ScheduleStore>().GetAsync(schedule.Id, CancellationToken.None);
        Assert.Equal(ScheduleStatus.Failed, after.Status);
        Assert.Equal(Due, after.LastFiredAt);
        Assert.Equal("nothing sent on 2026-12-01 10:00 +01:00 Europe/Brussels: This content is for members only, and cohort reaches one person who is not a contact "
            + "of a member organisation: choose an audience of members' contacts only.", after.Note);
        Assert.Empty(await bed.Services.GetRequiredService<MailingStore>().ListAsync(null, 10, CancellationToken.None));
        Assert.Null(ScheduledSend.Next(after, Due.AddMinutes(1)));

        // Scheduled now, the same segment is refused at once.
        var refused = await Assert.ThrowsAsync<MembersOnlyException>(() => planner.OnceAsync(source, Due.AddDays(1), "segment:cohort", CancellationToken.None));
        Assert.Equal(1, refused.NonMembers);
    }

    [Fact]
    public async Task A_recurring_schedule_to_a_segment_sends_each_draft_to_the_people_of_the_publication_s_list_the_segment_holds()
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 6);
        await bed.Services.GetRequiredService<ListStore>().CreateAsync("other", "Other", "", false, false, false, CancellationToken.None);
        await AddPersonAsync(bed, "lettrice@example.it", "it", null, "other");
        await SegmentAsync(bed, "italian-readers", "language=it");
        var planner = bed.Services.GetRequiredService<SchedulePlanner>();

        await Assert.ThrowsAsync<AudienceException>(() => planner.RecurringAsync("cecop-newsletter", "0 0 10 ? * TUE#1", null, "segment:nobody", CancellationToken.None));
        var schedule = await planner.RecurringAsync("cecop-newsletter", "0 0 10 ? * TUE#1", null, "segment:italian-readers", CancellationToken.None);
        var mailing = await Send(bed, Due.AddSeconds(1)).FireAsync(schedule.Id, CancellationToken.None);

        Assert.NotNull(mailing);
        Assert.Equal(("segment:italian-readers", 2L), (mailing.Audience, mailing.Total));
        Assert.Equal([Delivery.DeliveryTestBed.Email(0), Delivery.DeliveryTestBed.Email(3)], await LedgerAsync(bed, mailing.Id));
        Assert.Equal(ScheduleStatus.Active, (await bed.Services.GetRequiredService<ScheduleStore>().GetAsync(schedule.Id, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task A_members_only_publication_or_campaign_is_refused_a_recurring_or_campaign_schedule_to_a_segment_that_reaches_others()
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 3);
        await SegmentAsync(bed, "everyone-english", "language=en");
        var planner = bed.Services.GetRequiredService<SchedulePlanner>();

        var refused = await Assert.ThrowsAsync<MembersOnlyException>(() => planner.RecurringAsync("cecop-link", "0 0 10 ? * TUE#1", null, "segment:everyone-english", CancellationToken.None));
        Assert.True(refused.NonMembers >= 1);
        Assert.Empty(await bed.Services.GetRequiredService<ScheduleStore>().ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task A_campaign_scheduled_to_a_segment_sends_each_mailing_to_it_and_is_refused_whole_when_a_mailing_is_members_only()
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 6);
        await SegmentAsync(bed, "italian-readers", "language=it");
        var content = bed.Services.GetRequiredService<MailingContent>();
        async Task<string> CampaignAsync(string name, string audience)
        {
            bed.Workspace.WriteFile($"{name}/campaign.yaml", $$"""
                hashtag: "#{{name}}"
                name: "{{name}}"
                period: { start: 2026-12-01, end: 2027-01-31 }
                audience: {{audience}}
                sender: { from_name: CECOP, from_address: communication@cecop.coop }
                languages: [en]
                mailings:
                  - file: 01-first.md
                    planned: 2026-12-08T10:00:00+01:00
                  - file: 02-second.md
                    planned: 2027-01-12T10:00:00+01:00
                """);
            foreach (var file in new[] { "01-first", "02-second" })
                bed.Workspace.WriteFile($"{name}/{file}.md", $"---\ntitle: \"{file}\"\nsubject: \"Campaign news {file}\"\n---\nWorker cooperatives across Europe.\n");
            return (await content.LoadCampaignAsync(bed.Workspace.Path(name), CancellationToken.None)).Campaign.Slug;
        }
        var open = await CampaignAsync("open-campaign", "list:external-newsletter");
        var members = await CampaignAsync("members-campaign", "list:cecop-link");
        var planner = bed.Services.GetRequiredService<SchedulePlanner>();

        var (added, past) = await planner.CampaignAsync(open, "segment:italian-readers", CancellationToken.None);
        Assert.Equal((2, 0), (added.Count, past));
        Assert.All(added, s => Assert.Equal("segment:italian-readers", s.Audience));
        var mailing = await Send(bed, added[0].RunAt!.Value.AddSeconds(1)).FireAsync(added[0].Id, CancellationToken.None);
        Assert.NotNull(mailing);
        Assert.Equal([Delivery.DeliveryTestBed.Email(0), Delivery.DeliveryTestBed.Email(3)], await LedgerAsync(bed, mailing.Id));

        // Through the segment the members-only campaign would reach people who are not members' contacts: neither of its mailings is scheduled.
        await Assert.ThrowsAsync<MembersOnlyException>(() => planner.CampaignAsync(members, "segment:italian-readers", CancellationToken.None));
        Assert.DoesNotContain(await bed.Services.GetRequiredService<ScheduleStore>().ListAsync(null, CancellationToken.None), s => s.Campaign == members);
    }

    /// <summary>What the schedule looked like before the occurrence was recorded: as if its node died just after the mailing was committed.</summary>
    private static async Task ForgetRecordAsync(SchedulingTestBed bed, long scheduleId)
    {
        await using var connection = await bed.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync("UPDATE schedules SET status = 'active', last_fired_at = NULL, last_mailing_id = NULL, note = NULL WHERE id = @scheduleId",
            new { scheduleId });
    }

    private static async Task<long> SecondDraftAsync(SchedulingTestBed bed) =>
        (await bed.Services.GetRequiredService<MailingContent>().SaveEditionAsync(new Content.Validation.SourceText("second.yaml",
            SchedulingTestBed.Edition.Replace("number: 1", "number: 2").Replace("date: 2026-03-01", "date: 2026-04-01")), CancellationToken.None)).Edition.Id;

    [Fact]
    public async Task A_one_off_occurrence_fired_again_after_its_node_died_before_recording_it_starts_nothing_more_and_is_recorded()
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 3);
        var schedule = await AddOnceAsync(bed, Due);
        var first = await Send(bed, Due.AddSeconds(1)).FireAsync(schedule.Id, Due, CancellationToken.None);
        Assert.NotNull(first);
        await ForgetRecordAsync(bed, schedule.Id);

        // The job is recovered (on restart, or on another node) with the same scheduled fire time.
        Assert.Null(await Send(bed, Due.AddMinutes(1)).FireAsync(schedule.Id, Due, CancellationToken.None));

        Assert.Equal([first.Id], (await bed.Services.GetRequiredService<MailingStore>().ListAsync(null, 10, CancellationToken.None)).Select(m => m.Id));
        var after = await bed.Services.GetRequiredService<ScheduleStore>().GetAsync(schedule.Id, CancellationToken.None);
        Assert.Equal((ScheduleStatus.Done, first.Id, Due), (after.Status, after.LastMailingId, after.LastFiredAt));
    }

    [Fact]
    public async Task A_recurring_occurrence_fired_twice_sends_one_draft_and_leaves_the_next_draft_to_the_next_occurrence()
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 3);
        var second = await SecondDraftAsync(bed);
        var store = bed.Services.GetRequiredService<ScheduleStore>();
        var schedule = await store.AddAsync(new Schedule { Kind = "recurring", Publication = "cecop-newsletter", Cron = "0 0 10 ? * TUE#1", TimeZone = "Europe/Brussels" }, CancellationToken.None);

        var first = await Send(bed, Due.AddSeconds(1)).FireAsync(schedule.Id, Due, CancellationToken.None);
        Assert.Equal(bed.Source, first!.Source);
        // The same occurrence again: recorded (a trigger that fired twice), then with its record lost (a node that died).
        Assert.Null(await Send(bed, Due.AddMinutes(1)).FireAsync(schedule.Id, Due, CancellationToken.None));
        await ForgetRecordAsync(bed, schedule.Id);
        Assert.Null(await Send(bed, Due.AddMinutes(2)).FireAsync(schedule.Id, Due, CancellationToken.None));

        var mailings = bed.Services.GetRequiredService<MailingStore>();
        Assert.Equal([first.Id], (await mailings.ListAsync(null, 10, CancellationToken.None)).Select(m => m.Id));
        Assert.Equal(ContentState.Draft, (await bed.Services.GetRequiredService<EditionStore>().GetAsync(second, CancellationToken.None)).State);
        Assert.Equal((Due, first.Id), ((await store.GetAsync(schedule.Id, CancellationToken.None)).LastFiredAt, (await store.GetAsync(schedule.Id, CancellationToken.None)).LastMailingId));

        // The next occurrence sends the next draft.
        var nextDue = new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var next = await Send(bed, nextDue.AddSeconds(1)).FireAsync(schedule.Id, nextDue, CancellationToken.None);
        Assert.Equal(new MailingSource(MailingSourceKind.Edition, second), next!.Source);
    }

    [Fact]
    public async Task Three_firings_of_the_same_occurrence_at_once_start_one_mailing()
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 3);
        await SecondDraftAsync(bed);
        var schedule = await bed.Services.GetRequiredService<ScheduleStore>().AddAsync(
            new Schedule { Kind = "recurring", Publication = "cecop-newsletter", Cron = "0 0 10 ? * TUE#1", TimeZone = "Europe/Brussels" }, CancellationToken.None);
        var send = Send(bed, Due.AddSeconds(1));

        var started = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => send.FireAsync(schedule.Id, Due, CancellationToken.None))));

        Assert.Single(started, m => m is not null);
        Assert.Single(await bed.Services.GetRequiredService<MailingStore>().ListAsync(null, 10, CancellationToken.None));
    }

    [Theory]
    [InlineData("2026-03-03 10:00", "2026-03-03T09:00:00Z")] // winter, +01:00
    [InlineData("2026-06-02 10:00", "2026-06-02T08:00:00Z")] // summer, +02:00
    public async Task A_time_without_an_offset_is_read_in_brussels(string text, string utc)
    {
        await using var bed = await SchedulingTestBed.CreateAsync(subscribers: 0);
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture),
            bed.Services.GetRequiredService<SchedulePlanner>().ParseTime(text, null));
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 15, 0, 0, TimeSpan.Zero), bed.Services.GetRequiredService<SchedulePlanner>().ParseTime("2026-03-03 10:00", "America/New_York"));
    }
}
