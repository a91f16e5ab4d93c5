using CecopComms.Delivery.Tracking;
using CecopComms.Storage;
using CecopComms.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace CecopComms.Tests.Web;

/// <summary>The batching event writer against a real database: everything accepted is written, also on a stop, and numbering of links is stable.</summary>
public sealed class TrackingEventWriterTests : WorkspaceTest
{
    [Fact]
    public async Task Every_event_accepted_before_a_clean_stop_is_written_and_one_after_it_too()
    {
        var database = await Workspace.OpenDatabaseAsync();
        var (mailing, uuid) = await MailingAndSubscriberAsync(database);
        var writer = new TrackingEventWriter(database, NullLogger<TrackingEventWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        // Many writers at once, as Kestrel's threads would be.
        await Parallel.ForAsync(0, 5_000, async (i, ct) =>
            await writer.RecordAsync(new TrackingEvent(mailing, uuid, i % 2 == 0 ? TrackingEventKind.Open : TrackingEventKind.Click,
                i % 2 == 0 ? null : "https://cecop.coop/x", DateTimeOffset.UtcNow), ct));
        await writer.StopAsync(CancellationToken.None);
        Assert.Equal(5_000, await CountAsync(database, mailing));

        await writer.RecordAsync(new TrackingEvent(mailing, uuid, TrackingEventKind.Open, null, DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.Equal(5_001, await CountAsync(database, mailing));
        Assert.Equal(0, writer.Lost);
        await using var connection = await database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM events WHERE subscriber_id IS NULL"));
    }

    [Fact]
    public async Task An_event_of_a_deleted_mailing_is_skipped_without_losing_the_rest_of_its_batch()
    {
        var database = await Workspace.OpenDatabaseAsync();
        var (mailing, uuid) = await MailingAndSubscriberAsync(database);
        var writer = new TrackingEventWriter(database, NullLogger<TrackingEventWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        await writer.RecordAsync(new TrackingEvent(mailing, uuid, TrackingEventKind.Open, null, DateTimeOffset.UtcNow), CancellationToken.None);
        await writer.RecordAsync(new TrackingEvent(mailing + 1000, uuid, TrackingEventKind.Open, null, DateTimeOffset.UtcNow), CancellationToken.None);
        await writer.RecordAsync(new TrackingEvent(mailing, uuid, TrackingEventKind.Click, "https://cecop.coop/x", DateTimeOffset.UtcNow), CancellationToken.None);
        await writer.FlushAsync(CancellationToken.None);
        await writer.StopAsync(CancellationToken.None);
        Assert.Equal(2, await CountAsync(database, mailing));
        Assert.Equal(0, writer.Lost);
    }

    [Fact]
    public async Task A_mailings_links_are_numbered_in_ordinal_order_once()
    {
        var database = await Workspace.OpenDatabaseAsync();
        var (mailing, _) = await MailingAndSubscriberAsync(database);
        var store = new MailingLinkStore(database);
        var saved = await store.SaveAsync(mailing, ["https://b.example/", "https://a.example/", "https://b.example/"], CancellationToken.None);
        Assert.Equal(["https://a.example/", "https://b.example/"], saved);
        // A second save (a retried start) keeps the first numbering.
        await store.SaveAsync(mailing, ["https://0.example/"], CancellationToken.None);
        Assert.Equal(["https://a.example/", "https://b.example/"], await new MailingLinkStore(database).LinksAsync(mailing, CancellationToken.None));
        Assert.Equal(1, store.Numbers(mailing)["https://b.example/"]);
        Assert.Empty(store.Numbers(mailing + 1));
    }

    [Fact]
    public async Task A_persons_export_holds_their_events_and_erasure_leaves_the_counts()
    {
        var database = await Workspace.OpenDatabaseAsync();
        var (mailing, uuid) = await MailingAndSubscriberAsync(database);
        // Started and stopped at once: what was accepted in between is still written.
        var writer = new TrackingEventWriter(database, NullLogger<TrackingEventWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        await writer.RecordAsync(new TrackingEvent(mailing, uuid, TrackingEventKind.Click, "https://cecop.coop/news", DateTimeOffset.UtcNow), CancellationToken.None);
        await writer.StopAsync(CancellationToken.None);
        var clock = TimeProvider.System;
        var consents = new CecopComms.Audience.ConsentStore(database);
        var subscribers = new CecopComms.Audience.SubscriberStore(database, clock, new CecopComms.Audience.OrganisationStore(database, clock),
            new CecopComms.Audience.ListStore(database, clock), new CecopComms.Audience.SubscriptionStore(database, consents), consents, [new TrackingPersonalData(database)]);

        var data = await subscribers.PersonalDataAsync("a@x.example", CancellationToken.None);
        var json = System.Text.Json.JsonSerializer.Serialize(data.Elsewhere["events"]);
        Assert.Contains("\"kind\":\"click\"", json);
        Assert.Contains("https://cecop.coop/news", json);

        await subscribers.EraseAsync("a@x.example", CancellationToken.None);
        Assert.Equal(1, await CountAsync(database, mailing));
        // The old tracking links no longer name anyone: the erased row has a new uuid.
        await using var connection = await database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM subscribers WHERE uuid = @Uuid", new { Uuid = uuid.ToString() }));
    }

    private static async Task<(long Mailing, Guid Uuid)> MailingAndSubscriberAsync(Database database)
    {
        var uuid = Guid.NewGuid();
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("INSERT INTO subscribers (uuid, email, email_key, created_at, updated_at) VALUES (@Uuid, 'a@x.example', 'a@x.example', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
            new { Uuid = uuid.ToString() });
        var mailing = await connection.ExecuteScalarAsync<long>("INSERT INTO mailings (source_kind, source_id, title, audience, status, created_at, updated_at) " +
            "VALUES ('edition', 1, 'T', 'list:external-newsletter', 'running', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z') RETURNING id");
        return (mailing, uuid);
    }

    private static async Task<long> CountAsync(Database database, long mailing)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM events WHERE mailing_id = @mailing", new { mailing });
    }
}
