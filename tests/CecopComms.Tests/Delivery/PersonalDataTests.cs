using System.Text.Json;
using CecopComms.Audience;
using CecopComms.Delivery;
using Dapper;

namespace CecopComms.Tests.Delivery;

/// <summary>GDPR: what delivery keeps on a person is in their data export, and erasure leaves no address behind in it.</summary>
public sealed class PersonalDataTests
{
    [Fact]
    public async Task The_export_lists_the_messages_and_bounces_and_erasure_scrubs_the_replies_but_keeps_the_counts()
    {
        await using var bed = await DeliveryTestBed.CreateAsync(3);
        var mailing = await bed.StartAsync();
        await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);
        var email = DeliveryTestBed.Email(1);
        await using (var connection = await bed.Stores.Database.OpenAsync())
        {
            // As a server would answer: the refusal quotes the address.
            await connection.ExecuteAsync("UPDATE ledger SET reply = @Reply WHERE subscriber_id = (SELECT id FROM subscribers WHERE email = @Email)",
                new { Reply = $"250 2.0.0 Ok: queued for <{email}>", Email = email });
            await connection.ExecuteAsync("INSERT INTO bounces (mailing_id, subscriber_id, kind, code, reply, source, bounced_at) SELECT @Mailing, id, 'soft', '452 4.2.2', @Reply, 'smtp', '2026-03-02T09:30:00.000Z' FROM subscribers WHERE email = @Email",
                new { Mailing = mailing.Id, Reply = $"452 4.2.2 <{email}>: mailbox full", Email = email });
        }
        var s = bed.Stores;
        var subscribers = new SubscriberStore(s.Database, s.Clock, s.Organisations, s.Lists, s.Subscriptions, s.Consents, [new DeliveryPersonalData(s.Database)]);

        var data = JsonSerializer.Serialize(await subscribers.PersonalDataAsync(email, CancellationToken.None));

        using (var json = JsonDocument.Parse(data))
        {
            var deliveries = json.RootElement.GetProperty("Elsewhere").GetProperty("deliveries");
            var message = Assert.Single(deliveries.GetProperty("messages").EnumerateArray());
            Assert.Equal(mailing.Id, message.GetProperty("mailing_id").GetInt64());
            Assert.Equal("sent", message.GetProperty("status").GetString());
            Assert.Contains(email, message.GetProperty("reply").GetString());
            Assert.Equal("452 4.2.2", Assert.Single(deliveries.GetProperty("bounces").EnumerateArray()).GetProperty("code").GetString());
        }

        await subscribers.EraseAsync(email, CancellationToken.None);

        await using (var connection = await bed.Stores.Database.OpenAsync())
        {
            var replies = (await connection.QueryAsync<string?>("SELECT reply FROM ledger UNION ALL SELECT reply FROM bounces")).ToList();
            Assert.DoesNotContain(replies, r => r is not null && r.Contains(email, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(3L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger WHERE mailing_id = @Id AND status = 'sent'", new { mailing.Id }));
            Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM bounces"));
        }
    }
}
