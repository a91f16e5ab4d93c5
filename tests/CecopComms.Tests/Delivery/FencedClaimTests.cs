using CecopComms.Delivery;
using CecopComms.Delivery.Bounces;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CecopComms.Tests.Delivery;

/// <summary>
/// Fenced ledger claims in one process: a sender whose claim ran out (it stalled) can neither mark nor send the rows
/// another sender took over, and claims run on the database's clock whatever the senders' clocks say.
/// </summary>
public sealed class FencedClaimTests
{
    private static readonly LedgerClaims Terms = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    private static Task<LedgerSession> OpenAsync(DeliveryTestBed bed, long mailingId, string owner, TimeProvider? time = null) =>
        LedgerSession.OpenAsync(bed.Stores.Database, time ?? TimeProvider.System, mailingId,
            new BounceRecorder(bed.Stores.Database, Options.Create(new BounceMailboxOptions())), owner, Terms, CancellationToken.None);

    /// <summary>Moves the mailing's live claims one second into the past, by the database's clock: as if their holder stalled past them.</summary>
    /// <param name="bed">The bed whose database holds the ledger.</param>
    /// <param name="mailingId">The mailing whose claims run out.</param>
    /// <param name="sparing">Claims of this holder (a prefix of its claim ids) are left as they are.</param>
    private static async Task ExpireClaimsAsync(DeliveryTestBed bed, long mailingId, string sparing = "")
    {
        await using var connection = await bed.Stores.Database.OpenAsync();
        await connection.ExecuteAsync(
            $"UPDATE ledger SET claim_until = {SecondAgo(bed)} WHERE mailing_id = @mailingId AND status = 'sending' AND (@sparing = '' OR claimed_by NOT LIKE @sparing || '%')",
            new { mailingId, sparing });
    }

    /// <summary>The database's now less one second, in the column's form.</summary>
    private static string SecondAgo(DeliveryTestBed bed) => bed.Stores.Database.IsPostgres
        ? "clock_timestamp() - interval '1 second'"
        : "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 seconds')";

    private static async Task<List<(long Id, string Status, string? ClaimedBy, string? Reply, int Attempts)>> RowsAsync(DeliveryTestBed bed, long mailingId)
    {
        await using var connection = await bed.Stores.Database.OpenAsync();
        return (await connection.QueryAsync<(long, string, string?, string?, int)>(
            "SELECT id, status, claimed_by, reply, attempts FROM ledger WHERE mailing_id = @mailingId ORDER BY id", new { mailingId })).AsList();
    }

    [Fact]
    public async Task Late_marks_of_a_sender_whose_claim_was_taken_over_change_nothing()
    {
        await using var bed = await DeliveryTestBed.CreateAsync(6);
        var mailing = await bed.StartAsync();
        await using var a = await OpenAsync(bed, mailing.Id, "node-a");
        await using var b = await OpenAsync(bed, mailing.Id, "node-b");

        var claimedByA = await a.ClaimAsync(10, CancellationToken.None);
        Assert.Equal(6, claimedByA.Count);
        Assert.Empty(await b.ClaimAsync(10, CancellationToken.None)); // A's claims are live
        Assert.Equal(6, await a.RenewClaimsAsync(CancellationToken.None));

        await ExpireClaimsAsync(bed, mailing.Id);
        Assert.Equal(0, await a.RenewClaimsAsync(CancellationToken.None)); // an expired claim is not kept
        var claimedByB = await b.ClaimAsync(10, CancellationToken.None);
        Assert.Equal(claimedByA.Select(r => r.LedgerId), claimedByB.Select(r => r.LedgerId));
        Assert.Equal(6, b.TakenOver);
        var ids = claimedByB.Select(r => r.LedgerId).ToArray();
        Assert.Empty(await b.WriteAsync([
            new DeliveryOutcome(ids[0], OutcomeKind.Sent, "250 by B", MessageId: "b0@cecop.example"),
            new DeliveryOutcome(ids[1], OutcomeKind.Sent, "250 by B", MessageId: "b1@cecop.example"),
            new DeliveryOutcome(ids[2], OutcomeKind.Retry, "451 by B", RetryAt: DateTimeOffset.UnixEpoch),
        ], CancellationToken.None));
        var before = await RowsAsync(bed, mailing.Id);

        // A wakes up and writes what it would have: every kind of mark, none applies, and A learns it lost each row.
        var lost = await a.WriteAsync([
            new DeliveryOutcome(ids[0], OutcomeKind.Sent, "250 by A", MessageId: "a0@cecop.example"),
            new DeliveryOutcome(ids[1], OutcomeKind.Failed, "554 by A"),
            new DeliveryOutcome(ids[2], OutcomeKind.Bounced, "550 by A", "550 5.1.1"),
            new DeliveryOutcome(ids[3], OutcomeKind.Retry, "451 by A", RetryAt: DateTimeOffset.UnixEpoch),
            new DeliveryOutcome(ids[4], OutcomeKind.Skipped, "skipped by A"),
            new DeliveryOutcome(ids[5], OutcomeKind.Released, null),
        ], CancellationToken.None);

        Assert.Equal(ids, lost.Order());
        Assert.Equal(before, await RowsAsync(bed, mailing.Id));
        Assert.All(before, r => Assert.StartsWith("node-b/", r.ClaimedBy));
        Assert.Equal(["sent", "sent", "retry", "sending", "sending", "sending"], before.Select(r => r.Status));
        await using (var connection = await bed.Stores.Database.OpenAsync())
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM bounces"));
        Assert.False(await a.ConfirmClaimAsync(ids[4], CancellationToken.None));
        Assert.True(await b.ConfirmClaimAsync(ids[4], CancellationToken.None));
    }

    [Fact]
    public async Task A_sender_stalled_past_its_claims_does_not_send_the_rows_it_lost()
    {
        const int recipients = 5;
        await using var bed = await DeliveryTestBed.CreateAsync(recipients);
        var mailing = await bed.StartAsync();
        // One worker and one message a second on a clock that only the test moves: after the first message, A's worker
        // waits in the throttle, holding claimed rows it has not handed over, until the test lets it go.
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var options = DeliveryTestBed.TestOptions();
        options.Workers = 1;
        options.RatePerSecond = 1;
        var wrapped = Options.Create(options);
        var a = new MailingSender(bed.Stores.Database, bed.Mailings, bed.Content, bed.Composer, bed.Bounces, bed.Transport,
            new SendThrottle(wrapped, clock), wrapped, clock);
        var runA = Task.Run(() => a.RunAsync(mailing.Id, null, CancellationToken.None));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await bed.CountsAsync(mailing.Id)).GetValueOrDefault("sent") < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "A did not send its first message");
            await Task.Delay(20);
        }
        var rows = await RowsAsync(bed, mailing.Id);
        Assert.Equal(recipients - 1, rows.Count(r => r.Status == "sending"));

        // A's claims run out; B takes the rows over and sends them (here: marks them sent). A is alive (only its worker
        // waits) and may itself take an expired row back under a new claim before B does: that claim is expired in turn,
        // until B holds every row A had.
        await using (var b = await OpenAsync(bed, mailing.Id, "node-b"))
        {
            var taken = new List<ClaimedRecipient>();
            for (var round = 0; taken.Count < recipients - 1; round++)
            {
                Assert.True(round < 50, $"B took only {taken.Count} of {recipients - 1} rows");
                await ExpireClaimsAsync(bed, mailing.Id, sparing: "node-b");
                taken.AddRange(await b.ClaimAsync(100, CancellationToken.None));
            }
            Assert.Equal(recipients - 1, taken.Select(r => r.LedgerId).Distinct().Count());
            Assert.Empty(await b.WriteAsync(taken.Select(r => new DeliveryOutcome(r.LedgerId, OutcomeKind.Sent, "250 by B")).ToList(), CancellationToken.None));
        }

        // A goes on: each row it still had in hand fails the check before the transport, so nothing more is written.
        while (!runA.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline.AddSeconds(30), "A did not end");
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
        var run = await runA;
        // Every row A had in hand was found lost before the transport (a row it took back and lost again counts twice).
        Assert.Equal(1L, run.Sent);
        Assert.InRange(run.Lost, recipients - 1, 4 * (recipients - 1));
        Assert.Equal(MailingStatus.Finished, run.Status);
        Assert.Single(Directory.GetFiles(bed.Stores.Workspace.Path("outbox"), "*.eml", SearchOption.AllDirectories));
        var after = await RowsAsync(bed, mailing.Id);
        Assert.All(after, r => Assert.Equal("sent", r.Status));
        Assert.Equal(recipients - 1, after.Count(r => r.Reply == "250 by B"));
    }

    [Fact]
    public async Task Claims_and_leases_expire_by_the_database_clock_whatever_a_sender_clock_says()
    {
        await using var bed = await DeliveryTestBed.CreateAsync(4);
        var mailing = await bed.StartAsync();
        // A's clock is decades behind and B's decades ahead of any date this test can run on.
        var behind = new FakeTimeProvider(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ahead = new FakeTimeProvider(new DateTimeOffset(2101, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var a = await OpenAsync(bed, mailing.Id, "node-a", behind);
        await using var b = await OpenAsync(bed, mailing.Id, "node-b", ahead);

        Assert.True(await a.TakeLeaseAsync("node-a", TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(4, (await a.ClaimAsync(10, CancellationToken.None)).Count);
        // By B's clock A's lease and claims ran out long ago; by the database's they are live: B takes no row. (On
        // PostgreSQL the lease is shared, so B may join the mailing; on SQLite it waits for A's lease to run out.)
        var shared = bed.Stores.Database.IsPostgres;
        Assert.Equal(shared, await b.TakeLeaseAsync("node-b", TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Empty(await b.ClaimAsync(10, CancellationToken.None));
        Assert.Equal(shared ? [mailing.Id] : [], await bed.Mailings.RunnableAsync(CancellationToken.None));

        // Now they run out by the database's clock. By A's they have decades left, but A can neither renew nor use them.
        await ExpireClaimsAsync(bed, mailing.Id);
        await using (var connection = await bed.Stores.Database.OpenAsync())
            await connection.ExecuteAsync($"UPDATE mailings SET lease_until = {SecondAgo(bed)} WHERE id = @Id", new { mailing.Id });
        Assert.Equal(0, await a.RenewClaimsAsync(CancellationToken.None));
        var first = (await RowsAsync(bed, mailing.Id))[0].Id;
        Assert.False(await a.ConfirmClaimAsync(first, CancellationToken.None));
        Assert.Equal([mailing.Id], await bed.Mailings.RunnableAsync(CancellationToken.None));
        Assert.True(await b.TakeLeaseAsync("node-b", TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(4, (await b.ClaimAsync(10, CancellationToken.None)).Count);
        Assert.True(await b.ConfirmClaimAsync(first, CancellationToken.None));
        Assert.Equal(shared, await a.TakeLeaseAsync("node-a", TimeSpan.FromSeconds(30), CancellationToken.None));

        // The claims B set are the database's now plus the claim's length, not B's clock.
        await using (var connection = await bed.Stores.Database.OpenAsync())
        {
            var lateness = await connection.ExecuteScalarAsync<double>(bed.Stores.Database.IsPostgres
                ? "SELECT max(abs(extract(epoch FROM claim_until - clock_timestamp())))::float8 FROM ledger WHERE mailing_id = @Id"
                : "SELECT max(abs(julianday(claim_until) - julianday('now'))) * 86400 FROM ledger WHERE mailing_id = @Id", new { mailing.Id });
            Assert.InRange(lateness, 1, 120); // 30 s for a claim, 60 s for the confirmed row
        }
    }
}
