using System.Text.Json.Nodes;
using CecopComms.Delivery;
using CecopComms.Delivery.Bounces;
using CecopComms.Tests.Import;
using CecopComms.Tests.Infrastructure;
using Dapper;

namespace CecopComms.Tests.Delivery.Bounces;

/// <summary>
/// The bounce mailbox read from a real Dovecot filled with bounce samples in the styles of Postfix, Exim, qmail, Gmail,
/// Exchange and Yahoo, an out-of-office reply and a person's reply: each classified, tied to its person through the
/// signed bounce address, recorded, and deleted.
/// </summary>
public sealed class BounceMailboxTests
{
    [Fact]
    public async Task Every_sample_read_over_pop3_with_tls_is_classified_tied_recorded_and_deleted()
    {
        await using var bed = await BounceTestBed.CreateAsync();
        var people = await DeliverSamplesAsync(bed);
        var progress = new List<BounceFetchProgress>();

        var result = await bed.Processor(bed.Options("pop3", "SslOnConnect")).FetchAsync(new SyncProgress<BounceFetchProgress>(progress.Add), CancellationToken.None);

        Assert.Equal(new BounceFetchResult(Read: 9, Hard: 5, Soft: 2, AutoReplies: 1, Ignored: 1, Unmatched: 0, AlreadyRecorded: 0, Unreadable: 0,
            Deleted: 9, SubscribersBounced: 5), result);
        Assert.Equal(new BounceFetchProgress(9, 9), progress[^1]);
        await AssertRecordedAsync(bed, people);
        Assert.Equal(0, bed.Dovecot.MessageFiles());
    }

    [Fact]
    public async Task Every_sample_read_over_imap_with_starttls_through_the_cli_is_classified_and_deleted()
    {
        await using var bed = await BounceTestBed.CreateAsync();
        var people = await DeliverSamplesAsync(bed);
        var workspace = bed.Delivery.Stores.Workspace;
        var options = bed.Options("imap", "StartTls");
        workspace.WriteSettings(new JsonObject
        {
            ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["Path"] = workspace.DatabasePath },
            ["Delivery"] = new JsonObject { ["TokenSecret"] = Convert.ToBase64String(DeliveryTestBed.Key), ["BounceDomain"] = "bounces.cecop.example" },
            ["Bounces"] = new JsonObject
            {
                ["Protocol"] = options.Protocol, ["Host"] = options.Host, ["Port"] = options.Port, ["Security"] = options.Security,
                ["User"] = options.User, ["Password"] = options.Password, ["AcceptInvalidCertificate"] = true,
            },
        });

        var fetched = await CecopProcess.RunAsync(workspace, "bounces", "fetch", "--format", "json");

        Assert.True(fetched.ExitCode == 0, fetched.ToString() + bed.Dovecot.Log());
        var counts = JsonNode.Parse(fetched.Stdout)!;
        Assert.Equal((9, 5, 2, 1, 1, 0, 9), (counts["read"]!.GetValue<int>(), counts["hard"]!.GetValue<int>(), counts["soft"]!.GetValue<int>(),
            counts["auto_replies"]!.GetValue<int>(), counts["ignored"]!.GetValue<int>(), counts["unmatched"]!.GetValue<int>(), counts["deleted"]!.GetValue<int>()));
        await AssertRecordedAsync(bed, people);
        Assert.Equal(0, bed.Dovecot.MessageFiles());

        var listed = await CecopProcess.RunAsync(workspace, "bounces", "list", "--email", "PERSON0@members.example", "--format", "json");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var row = Assert.Single(JsonNode.Parse(listed.Stdout)!.AsArray());
        Assert.Equal(("hard", "dsn", "bounced", bed.MailingId), (row!["kind"]!.GetValue<string>(), row["source"]!.GetValue<string>(),
            row["subscriber_status"]!.GetValue<string>(), row["mailing_id"]!.GetValue<long>()));
        Assert.EndsWith("5.1.1", row["code"]!.GetValue<string>());

        var table = await CecopProcess.RunAsync(workspace, "bounces", "list", "--mailing", bed.MailingId.ToString());
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("person6@members.example", table.Stdout);
    }

    [Fact]
    public async Task Soft_bounces_mark_the_person_bounced_only_at_the_threshold_within_the_window()
    {
        await using var bed = await BounceTestBed.CreateAsync();
        var person = await bed.SubscriberIdAsync(3);
        var options = bed.Options("imap", "SslOnConnect", threshold: 2, windowDays: 30);
        await using (var connection = await bed.Delivery.Stores.Database.OpenAsync())
        {
            // A soft bounce from before the window does not count.
            await connection.ExecuteAsync("INSERT INTO bounces (mailing_id, subscriber_id, kind, code, reply, source, bounced_at) " +
                "VALUES (NULL, @person, 'soft', '452 4.2.2', 'mailbox full', 'dsn', @When)", new { person, When = DateTimeOffset.UtcNow.AddDays(-40) });
        }

        bed.Dovecot.Deliver(bed.Sample("postfix-mailbox-full", person, reportMessageId: "soft-1@mail.example"));
        var first = await bed.Processor(options).FetchAsync(null, CancellationToken.None);
        Assert.Equal((1, 0, 0), (first.Soft, first.Hard, first.SubscribersBounced));
        Assert.Equal("active", await bed.StatusAsync(person));

        bed.Dovecot.Deliver(bed.Sample("yahoo-or-other-soft", person, reportMessageId: "soft-2@mail.example"));
        var second = await bed.Processor(options).FetchAsync(null, CancellationToken.None);
        Assert.Equal((1, 1), (second.Soft, second.SubscribersBounced));
        Assert.Equal("bounced", await bed.StatusAsync(person));
        Assert.Equal(3, (await bed.BouncesAsync()).Count(b => b.SubscriberId == person && b.Kind == "soft"));
    }

    [Fact]
    public async Task A_forged_tag_ties_the_report_to_nobody()
    {
        await using var bed = await BounceTestBed.CreateAsync();
        var victim = await bed.SubscriberIdAsync(0);
        var genuine = bed.Delivery.Bounces.Tag(bed.MailingId, victim);
        var forged = genuine[..^1] + (genuine[^1] == '0' ? '1' : '0');
        Assert.False(bed.Delivery.Bounces.TryParse(forged, out _, out _));
        bed.Dovecot.Deliver(bed.Sample("postfix-user-unknown", victim, tag: forged));
        // Something that is not a message at all stays in the mailbox for a person to look at.
        bed.Dovecot.Deliver("not a mail header line\r\n\r\nbody\r\n"u8.ToArray());

        var result = await bed.Processor(bed.Options("pop3", "StartTls")).FetchAsync(null, CancellationToken.None);

        Assert.Equal((2, 0, 1, 1, 1), (result.Read, result.Hard, result.Unmatched, result.Unreadable, result.Deleted));
        Assert.Equal("active", await bed.StatusAsync(victim));
        Assert.Empty(await bed.BouncesAsync());
        Assert.Equal(1, bed.Dovecot.MessageFiles());
    }

    [Fact]
    public async Task A_report_without_our_address_is_tied_through_the_original_message_id()
    {
        await using var bed = await BounceTestBed.CreateAsync();
        var person = await bed.SubscriberIdAsync(4);
        string messageId;
        await using (var connection = await bed.Delivery.Stores.Database.OpenAsync())
            messageId = await connection.ExecuteScalarAsync<string>("SELECT message_id FROM ledger WHERE subscriber_id = @person", new { person }) ?? "";
        Assert.NotEqual("", messageId);
        // A relay rewrote the envelope: no bounce address and no X-Cecop-Recipient survive, only the quoted Message-ID.
        var text = System.Text.Encoding.UTF8.GetString(bed.Sample("postfix-user-unknown", person, tag: "elsewhere"))
            .Replace("<m1.s2.x@cecop.coop>", $"<{messageId}>");
        bed.Dovecot.Deliver(System.Text.Encoding.UTF8.GetBytes(text));

        var result = await bed.Processor(bed.Options("imap", "StartTls")).FetchAsync(null, CancellationToken.None);

        Assert.Equal((1, 0), (result.Hard, result.Unmatched));
        Assert.Equal("bounced", await bed.StatusAsync(person));
        Assert.Equal(bed.MailingId, Assert.Single(await bed.BouncesAsync()).MailingId);
    }

    [Fact]
    public async Task A_report_tied_only_by_the_failed_address_counts_as_soft_so_one_forged_report_stops_no_one()
    {
        await using var bed = await BounceTestBed.CreateAsync();
        var person = await bed.SubscriberIdAsync(5);
        // Neither our signed address nor one of our Message-IDs: only the address, which anyone could write.
        var text = System.Text.Encoding.UTF8.GetString(bed.Sample("postfix-user-unknown", person, tag: "elsewhere"))
            .Replace("ana.lopez@example.org", DeliveryTestBed.Email(5), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(DeliveryTestBed.Email(5), text);
        bed.Dovecot.Deliver(System.Text.Encoding.UTF8.GetBytes(text));

        var result = await bed.Processor(bed.Options("pop3", "StartTls")).FetchAsync(null, CancellationToken.None);

        Assert.Equal((0, 0), (result.Hard, result.Unmatched));
        Assert.Equal("active", await bed.StatusAsync(person));
        var bounce = Assert.Single(await bed.BouncesAsync());
        Assert.Equal(("soft", person), (bounce.Kind, bounce.SubscriberId));
        Assert.Contains("tied by address only", bounce.Reply);
    }

    [Fact]
    public async Task A_mail_to_the_list_unsubscribe_mailto_address_unsubscribes_and_a_forged_one_changes_nothing()
    {
        await using var bed = await BounceTestBed.CreateAsync();
        var person = await bed.SubscriberIdAsync(6);
        var other = await bed.SubscriberIdAsync(7);
        await using var connection = await bed.Delivery.Stores.Database.OpenAsync();
        async Task<string> RequestAsync(long subscriberId, int index, bool forge)
        {
            var uuid = Guid.Parse(await connection.ExecuteScalarAsync<string>("SELECT uuid FROM subscribers WHERE id = @subscriberId", new { subscriberId }) ?? "");
            var token = bed.Delivery.Signer.Create(new RecipientToken(TokenPurpose.Unsubscribe, uuid, bed.MailingId));
            if (forge) token = token[..^2] + (token[^2] == 'A' ? "BA" : "AA");
            // What a mail program sends for the mailto of List-Unsubscribe: a short message to unsubscribe+TOKEN@BounceDomain.
            return $"From: <{DeliveryTestBed.Email(index)}>\r\nTo: <unsubscribe+{token}@bounces.cecop.coop>\r\n"
                + $"Subject: unsubscribe\r\nMessage-ID: <{Guid.NewGuid():N}@mail.example.org>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\n\r\nunsubscribe\r\n";
        }
        bed.Dovecot.Deliver(System.Text.Encoding.UTF8.GetBytes(await RequestAsync(person, 6, forge: false)));
        bed.Dovecot.Deliver(System.Text.Encoding.UTF8.GetBytes(await RequestAsync(other, 7, forge: true)));

        var result = await bed.Processor(bed.Options("imap", "StartTls")).FetchAsync(null, CancellationToken.None);

        Assert.Equal((2, 1, 1, 2), (result.Read, result.Unsubscribes, result.Ignored, result.Deleted));
        var states = (await connection.QueryAsync<(long SubscriberId, string Status)>(
            "SELECT subscriber_id, status FROM subscriptions WHERE subscriber_id IN (@person, @other)", new { person, other })).ToDictionary(r => r.SubscriberId, r => r.Status);
        Assert.Equal("unsubscribed", states[person]);
        Assert.NotEqual("unsubscribed", states[other]);
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM events WHERE kind = 'unsubscribe' AND mailing_id = @MailingId AND subscriber_id = @person", new { bed.MailingId, person }));
        Assert.Empty(await bed.BouncesAsync());
    }

    [Fact]
    public async Task A_run_that_dies_after_recording_and_before_deleting_counts_nothing_twice_when_run_again()
    {
        await using var bed = await BounceTestBed.CreateAsync();
        await DeliverSamplesAsync(bed);
        var processor = bed.Processor(bed.Options("pop3", "SslOnConnect"));

        await using (var mailbox = new CrashingMailbox(await processor.OpenAsync(CancellationToken.None), crashOnDelete: 4))
        {
            var crash = await Assert.ThrowsAsync<BounceMailboxException>(() => processor.ProcessAsync(mailbox, null, CancellationToken.None));
            Assert.Contains("nothing was removed", crash.Message);
        }
        var recordedBeforeCrash = (await bed.BouncesAsync()).Count;
        Assert.Equal(9, bed.Dovecot.MessageFiles());

        var again = await processor.FetchAsync(null, CancellationToken.None);

        Assert.Equal(9, again.Read);
        Assert.Equal(recordedBeforeCrash, again.AlreadyRecorded);
        Assert.Equal(7, again.Hard + again.Soft + again.AlreadyRecorded);
        Assert.Equal(7, (await bed.BouncesAsync()).Count);
        Assert.Equal(0, bed.Dovecot.MessageFiles());
    }

    [Fact]
    public async Task Wrong_credentials_are_a_sentence_naming_the_settings()
    {
        await using var bed = await BounceTestBed.CreateAsync(subscribers: 1);
        var options = bed.Options("imap", "SslOnConnect");
        options.Password = "wrong";
        var e = await Assert.ThrowsAsync<BounceMailboxException>(() => bed.Processor(options).FetchAsync(null, CancellationToken.None));
        Assert.Contains("Bounces:User and Bounces:Password", e.Message);

        options = bed.Options("pop3", "SslOnConnect");
        options.AcceptInvalidCertificate = false;
        e = await Assert.ThrowsAsync<BounceMailboxException>(() => bed.Processor(options).FetchAsync(null, CancellationToken.None));
        Assert.Contains("Bounces:AcceptInvalidCertificate", e.Message);
    }

    /// <summary>Puts every sample in the mailbox, sample i about person i; returns who each is about.</summary>
    private static async Task<List<(string Name, string? Kind, string? Status, long Person)>> DeliverSamplesAsync(BounceTestBed bed)
    {
        var people = new List<(string, string?, string?, long)>();
        for (var i = 0; i < BounceTestBed.Samples.Length; i++)
        {
            var (name, kind, status) = BounceTestBed.Samples[i];
            var person = await bed.SubscriberIdAsync(i);
            bed.Dovecot.Deliver(bed.Sample(name, person));
            people.Add((name, kind, status, person));
        }
        return people;
    }

    private static async Task AssertRecordedAsync(BounceTestBed bed, List<(string Name, string? Kind, string? Status, long Person)> people)
    {
        var bounces = await bed.BouncesAsync();
        foreach (var (name, kind, status, person) in people)
        {
            var mine = bounces.Where(b => b.SubscriberId == person).ToList();
            if (kind is null)
            {
                Assert.True(mine.Count == 0, $"{name} was recorded as a bounce");
                Assert.Equal("active", await bed.StatusAsync(person));
                continue;
            }
            var bounce = Assert.Single(mine);
            Assert.True(bounce.Kind == kind, $"{name}: {bounce.Kind}, expected {kind}");
            Assert.True(bounce.Code.EndsWith(status!, StringComparison.Ordinal), $"{name}: code {bounce.Code}, expected {status}");
            Assert.Equal(("dsn", bed.MailingId), (bounce.Source, bounce.MailingId));
            Assert.NotEqual("", bounce.Reply);
            Assert.True(await bed.StatusAsync(person) == (kind == "hard" ? "bounced" : "active"), $"{name}: person status");
        }
        // A bounced person is no longer in the audience of the next mailing.
        var resolver = bed.Delivery.Stores.Resolver;
        var recipients = await resolver.RecipientsAsync(await resolver.ResolveAsync("list:external-newsletter", CancellationToken.None), CancellationToken.None);
        Assert.Equal(12 - 5, recipients.Count);
    }

    /// <summary>The real mailbox, but the process "dies" when the n-th message is to be deleted, after it was recorded.</summary>
    private sealed class CrashingMailbox(IBounceMailbox inner, int crashOnDelete) : IBounceMailbox
    {
        private int _deletes;
        public int Count => inner.Count;
        public Task<byte[]> ReadAsync(int index, CancellationToken cancellationToken) => inner.ReadAsync(index, cancellationToken);
        public Task DeleteAsync(int index, CancellationToken cancellationToken) =>
            ++_deletes == crashOnDelete ? throw new IOException("the process died") : inner.DeleteAsync(index, cancellationToken);
        public Task CommitAsync(CancellationToken cancellationToken) => inner.CommitAsync(cancellationToken);
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
