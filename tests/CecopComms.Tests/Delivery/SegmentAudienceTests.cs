using CecopComms.Audience;
using CecopComms.Audience.Segments;
using CecopComms.Content;
using CecopComms.Delivery;
using Dapper;

namespace CecopComms.Tests.Delivery;

/// <summary>
/// A send to a segment instead of the content's own audience: it reaches the people of the content's own list whom the
/// segment holds, resolved when it starts (so an unsubscribe or an unconfirmed sign-up holds), and members-only content
/// goes to a segment only while everyone it holds is a member's contact.
/// </summary>
public sealed class SegmentAudienceTests
{
    private static readonly MailingSource Edition = new(MailingSourceKind.Edition, 1);

    /// <summary>
    /// Six readers of external-newsletter (person0, person3 read Italian); person0 and person1 are contacts of a member
    /// and read CECOP Link too.
    /// </summary>
    private static async Task<DeliveryTestBed> BedAsync(string contentAudience)
    {
        var bed = await DeliveryTestBed.CreateAsync(6, content: new TestMailingContent(contentAudience));
        var organisation = await bed.Stores.Organisations.AddAsync("Legacoop Produzione e Servizi", "IT", "full", null, CancellationToken.None);
        await using var connection = await bed.Stores.Database.OpenAsync();
        await connection.ExecuteAsync("UPDATE subscribers SET organisation_id = @Id WHERE email IN (@A, @B)",
            new { organisation.Id, A = DeliveryTestBed.Email(0), B = DeliveryTestBed.Email(1) });
        await connection.ExecuteAsync(
            "INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, confirmed_at, updated_at) " +
            "SELECT l.id, s.id, 'confirmed', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' " +
            "FROM lists l, subscribers s WHERE l.slug = 'cecop-link' AND s.email IN (@A, @B)",
            new { A = DeliveryTestBed.Email(0), B = DeliveryTestBed.Email(1) });
        return bed;
    }

    private static Task<Segment> SegmentAsync(DeliveryTestBed bed, string slug, params string[] where) =>
        bed.Stores.Segments.CreateAsync(slug, slug, SegmentFilterParser.Parse(where), CancellationToken.None);

    private static async Task<string[]> OutboxRecipientsAsync(DeliveryTestBed bed, long mailing)
    {
        var files = Directory.GetFiles(bed.Stores.Workspace.Path(Path.Combine("outbox", $"mailing-{mailing}")), "*.eml");
        var texts = await Task.WhenAll(files.Select(f => File.ReadAllTextAsync(f)));
        return texts.Select(t => System.Text.RegularExpressions.Regex.Match(t, @"Delivered-To: (\S+)").Groups[1].Value).Order().ToArray();
    }

    [Fact]
    public async Task A_send_to_a_segment_reaches_exactly_its_recipients_and_names_it_as_the_audience()
    {
        await using var bed = await BedAsync("list:external-newsletter");
        await SegmentAsync(bed, "italian-readers", "language=it");

        var mailing = await bed.Starter.StartAsync(Edition, MailingStatus.Running, "segment:italian-readers", CancellationToken.None);
        var run = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);

        Assert.Equal("segment:italian-readers", mailing.Audience);
        Assert.Equal(2, mailing.Total);
        Assert.Equal((MailingStatus.Finished, 2L), (run.Status, run.Sent));
        Assert.Equal([DeliveryTestBed.Email(0), DeliveryTestBed.Email(3)], await OutboxRecipientsAsync(bed, mailing.Id));
    }

    [Fact]
    public async Task Members_only_content_goes_to_a_segment_of_members_contacts_and_is_refused_one_that_reaches_others()
    {
        await using var bed = await BedAsync("list:cecop-link");
        await SegmentAsync(bed, "italian-readers", "language=it");
        await SegmentAsync(bed, "everyone", "status=active");
        await SegmentAsync(bed, "legacoop", "organisation=Legacoop Produzione e Servizi");

        var one = await Assert.ThrowsAsync<MembersOnlyException>(() =>
            bed.Starter.StartAsync(Edition, MailingStatus.Running, "segment:italian-readers", CancellationToken.None));
        var four = await Assert.ThrowsAsync<MembersOnlyException>(() =>
            bed.Starter.StartAsync(Edition, MailingStatus.Running, "segment:everyone", CancellationToken.None));

        Assert.Equal(("italian-readers", 1), (one.AudienceName, one.NonMembers));
        Assert.Equal(4, four.NonMembers);
        Assert.Contains("reaches 4 people who are not contacts of a member organisation", four.Message);
        Assert.Empty(await bed.Mailings.ListAsync(null, 10, CancellationToken.None));

        var mailing = await bed.Starter.StartAsync(Edition, MailingStatus.Running, "segment:legacoop", CancellationToken.None);
        await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);
        Assert.Equal([DeliveryTestBed.Email(0), DeliveryTestBed.Email(1)], await OutboxRecipientsAsync(bed, mailing.Id));
    }

    [Fact]
    public async Task The_rule_is_checked_on_the_people_of_the_moment_the_send_starts()
    {
        await using var bed = await BedAsync("list:cecop-link");
        await SegmentAsync(bed, "italian-readers", "language=it");
        await using (var connection = await bed.Stores.Database.OpenAsync())
            await connection.ExecuteAsync("UPDATE subscribers SET status = 'unsubscribed' WHERE email = @Email", new { Email = DeliveryTestBed.Email(3) });

        // The non-member no longer receives anything, so the segment reaches members' contacts only.
        var mailing = await bed.Starter.StartAsync(Edition, MailingStatus.Running, "segment:italian-readers", CancellationToken.None);

        Assert.Equal(1, mailing.Total);
    }

    [Fact]
    public async Task A_segment_narrows_the_contents_audience_and_never_reaches_someone_who_left_its_list_or_never_confirmed()
    {
        await using var bed = await BedAsync("list:external-newsletter");
        await SegmentAsync(bed, "everyone", "status=active");
        await using (var connection = await bed.Stores.Database.OpenAsync())
        {
            // person2 left the newsletter; person4 signed up but never confirmed. Both stay active subscribers.
            await connection.ExecuteAsync(
                "UPDATE subscriptions SET status = 'unsubscribed' WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = @Email)",
                new { Email = DeliveryTestBed.Email(2) });
            await connection.ExecuteAsync(
                "UPDATE subscriptions SET status = 'unconfirmed', confirmed_at = NULL WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = @Email)",
                new { Email = DeliveryTestBed.Email(4) });
        }

        var mailing = await bed.Starter.StartAsync(Edition, MailingStatus.Running, "segment:everyone", CancellationToken.None);
        await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);

        Assert.Equal(4, mailing.Total);
        Assert.Equal([DeliveryTestBed.Email(0), DeliveryTestBed.Email(1), DeliveryTestBed.Email(3), DeliveryTestBed.Email(5)], await OutboxRecipientsAsync(bed, mailing.Id));
    }
}
