using CecopComms.Delivery;
using Dapper;

namespace CecopComms.Tests.Delivery;

/// <summary>End to end against a real SMTP server that is not ours: Debian's aiosmtpd, with faults injected.</summary>
public sealed class SmtpDeliveryTests
{
    private static Func<string, IMessageTransport> Smtp(params (FaultySmtpServer Server, int Weight)[] servers) => _ =>
        new SmtpPoolTransport(servers.Select(s => new SmtpServerOptions { Host = "127.0.0.1", Port = s.Server.Port, Security = "None", Weight = s.Weight, MaxConnections = 4 }).ToList(), 10_000);

    [Fact]
    public async Task Five_thousand_recipients_each_receive_exactly_one_message()
    {
        await using var server = await FaultySmtpServer.StartAsync();
        await using var bed = await DeliveryTestBed.CreateAsync(5_000, transport: Smtp((server, 1)));
        var mailing = await bed.StartAsync();
        Assert.Equal(5_000, mailing.Total);

        var run = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);

        Assert.Equal(MailingStatus.Finished, run.Status);
        Assert.Equal(5_000, run.Sent);
        var accepted = server.Accepted();
        var perRecipient = accepted.GroupBy(a => a.Recipient).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(5_000, perRecipient.Count);
        Assert.All(perRecipient, p => Assert.Equal(1, p.Value));
        Assert.Equal(Enumerable.Range(0, 5_000).Select(DeliveryTestBed.Email).Order(), perRecipient.Keys.Order());
        Assert.All(accepted, a => Assert.Matches(@"^bounce\+\d+\.\d+\.[0-9a-f]{10}@bounces\.cecop\.example$", a.Sender));
        Assert.Equal(5_000, accepted.Select(a => a.MessageId).Distinct().Count());
        Assert.Equal(new Dictionary<string, long> { ["sent"] = 5_000 }, await bed.CountsAsync(mailing.Id));
        Assert.Equal(MailingStatus.Finished, (await bed.Mailings.GetAsync(mailing.Id, CancellationToken.None)).Status);
        Assert.Contains(bed.Content.States, s => s.State == Content.ContentState.Sent);
    }

    [Fact]
    public async Task Temporary_failures_and_dropped_connections_are_retried_until_everyone_has_exactly_one()
    {
        await using var server = await FaultySmtpServer.StartAsync("--tempfail-percent", "10", "--drop-percent", "2");
        await using var bed = await DeliveryTestBed.CreateAsync(1_500, transport: Smtp((server, 1)));
        var mailing = await bed.StartAsync();

        var run = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);

        Assert.Equal(MailingStatus.Finished, run.Status);
        Assert.InRange(run.Retried, 100, 300);
        var perRecipient = server.Accepted().GroupBy(a => a.Recipient).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1_500, perRecipient.Count);
        Assert.All(perRecipient, p => Assert.Equal(1, p.Value));
        Assert.Equal(new Dictionary<string, long> { ["sent"] = 1_500 }, await bed.CountsAsync(mailing.Id));
        var attempts = await bed.Mailings.RowsAsync(mailing.Id, LedgerStatus.Sent, 2_000, CancellationToken.None);
        Assert.InRange(attempts.Count(r => r.Attempts == 2), 100, 300);
    }

    [Fact]
    public async Task A_refused_recipient_fails_and_bounces_and_the_others_are_sent()
    {
        string[] refused = [DeliveryTestBed.Email(17), DeliveryTestBed.Email(3)];
        await using var server = await FaultySmtpServer.StartAsync(["--refuse", .. refused]);
        await using var bed = await DeliveryTestBed.CreateAsync(40, transport: Smtp((server, 1)));
        var mailing = await bed.StartAsync();

        var run = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);

        Assert.Equal(MailingStatus.Finished, run.Status);
        Assert.Equal((38, 2), (run.Sent, run.Failed));
        var failed = await bed.Mailings.RowsAsync(mailing.Id, LedgerStatus.Failed, 10, CancellationToken.None);
        Assert.Equal(refused, failed.Select(r => r.Email).Order(StringComparer.Ordinal));
        Assert.All(failed, r => Assert.Contains("550", r.Reply));
        await using var connection = await bed.Stores.Database.OpenAsync();
        var bounces = (await connection.QueryAsync<(string Email, string Code, string Kind, long Mailing)>(
            "SELECT s.email, b.code, b.kind, b.mailing_id FROM bounces b JOIN subscribers s ON s.id = b.subscriber_id ORDER BY s.email")).ToList();
        Assert.Equal(refused, bounces.Select(b => b.Email));
        Assert.All(bounces, b => Assert.Equal(("550 5.1.1", "hard", mailing.Id), (b.Code, b.Kind, b.Mailing)));
        Assert.Equal(refused, await connection.QueryAsync<string>("SELECT email FROM subscribers WHERE status = 'bounced' ORDER BY email"));
        Assert.Equal(38, server.Accepted().Count);
    }

    [Fact]
    public async Task A_server_that_refuses_everything_pauses_the_mailing_with_the_reason()
    {
        await using var server = await FaultySmtpServer.StartAsync("--tempfail-all");
        var options = DeliveryTestBed.TestOptions();
        options.PauseAfterConsecutiveErrors = 20;
        options.RetryBaseSeconds = 30;
        await using var bed = await DeliveryTestBed.CreateAsync(100, options, Smtp((server, 1)));
        var mailing = await bed.StartAsync();

        var run = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);

        Assert.Equal(MailingStatus.Paused, run.Status);
        var shown = await bed.Mailings.GetAsync(mailing.Id, CancellationToken.None);
        Assert.Equal(MailingStatus.Paused, shown.Status);
        Assert.Contains("failures in a row", shown.StatusReason);
        Assert.Contains("451", shown.StatusReason);
        Assert.Equal(0, shown.Sent);
    }

    [Fact]
    public async Task Two_servers_share_the_messages_by_weight_and_each_recipient_gets_one()
    {
        await using var first = await FaultySmtpServer.StartAsync();
        await using var second = await FaultySmtpServer.StartAsync();
        await using var bed = await DeliveryTestBed.CreateAsync(600, transport: Smtp((first, 3), (second, 1)));
        var mailing = await bed.StartAsync();

        var run = await bed.Sender.RunAsync(mailing.Id, null, CancellationToken.None);

        Assert.Equal(MailingStatus.Finished, run.Status);
        var all = first.Accepted().Concat(second.Accepted()).GroupBy(a => a.Recipient).ToList();
        Assert.Equal(600, all.Count);
        Assert.All(all, g => Assert.Single(g));
        Assert.InRange(first.Accepted().Count, 330, 570);
        Assert.InRange(second.Accepted().Count, 30, 270);
    }
}
