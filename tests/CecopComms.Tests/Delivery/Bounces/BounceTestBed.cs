using System.Text;
using System.Text.RegularExpressions;
using CecopComms.Delivery;
using CecopComms.Delivery.Bounces;
using CecopComms.Tests.Peers;
using Dapper;
using Microsoft.Extensions.Options;

namespace CecopComms.Tests.Delivery.Bounces;

/// <summary>
/// A database with subscribers who were all sent one mailing through the outbox (so their ledger rows carry
/// Message-IDs), a real Dovecot holding the bounce mailbox, and the bounce samples of tests/Samples/Bounces with their
/// placeholder tag replaced by a real signed one for a chosen subscriber.
/// </summary>
internal sealed partial class BounceTestBed : IAsyncDisposable
{
    /// <summary>The samples, with what each must become (null: ignored), from tests/Samples/Bounces/README.md.</summary>
    public static readonly (string Name, string? Kind, string? Status)[] Samples =
    [
        ("postfix-user-unknown", "hard", "5.1.1"),
        ("postfix-mailbox-full", "soft", "4.2.2"),
        ("exim-user-unknown", "hard", "5.1.1"),
        ("qmail-bounce", "hard", "5.1.1"),
        ("gmail-no-such-user", "hard", "5.1.1"),
        ("outlook-exchange-ndr", "hard", "5.1.10"),
        ("yahoo-or-other-soft", "soft", "4.7.0"),
        ("vacation-auto-reply", null, null),
        ("plain-reply", null, null),
    ];

    private const string Placeholder = "1.2.0123456789";

    private BounceTestBed(DeliveryTestBed delivery, DovecotServer dovecot, long mailingId)
    {
        Delivery = delivery;
        Dovecot = dovecot;
        MailingId = mailingId;
    }

    public DeliveryTestBed Delivery { get; }
    public DovecotServer Dovecot { get; }
    public long MailingId { get; }

    public static async Task<BounceTestBed> CreateAsync(int subscribers = 12)
    {
        var delivery = await DeliveryTestBed.CreateAsync(subscribers);
        try
        {
            var mailing = await delivery.StartAsync();
            var run = await delivery.Sender.RunAsync(mailing.Id, null, CancellationToken.None);
            Assert.Equal(subscribers, run.Sent);
            return new BounceTestBed(delivery, await DovecotServer.StartAsync(), mailing.Id);
        }
        catch
        {
            await delivery.DisposeAsync();
            throw;
        }
    }

    /// <summary>Settings for this Dovecot: POP3 or IMAP, TLS on connect or STARTTLS, its self-signed certificate accepted.</summary>
    public BounceMailboxOptions Options(string protocol, string security, int threshold = 3, int windowDays = 30) => new()
    {
        Enabled = true,
        Protocol = protocol,
        Host = "127.0.0.1",
        Port = (protocol, security) switch
        {
            ("pop3", "SslOnConnect") => Dovecot.Pop3sPort,
            ("pop3", _) => Dovecot.Pop3Port,
            (_, "SslOnConnect") => Dovecot.ImapsPort,
            _ => Dovecot.ImapPort,
        },
        Security = security,
        User = DovecotServer.User,
        Password = DovecotServer.Password,
        AcceptInvalidCertificate = true,
        SoftBounceThreshold = threshold,
        SoftBounceWindowDays = windowDays,
    };

    public BounceProcessor Processor(BounceMailboxOptions options)
    {
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        var database = Delivery.Stores.Database;
        return new BounceProcessor(database, new BounceRecorder(database, wrapped), Delivery.Bounces, wrapped, TimeProvider.System,
            Delivery.Signer, new CecopComms.Web.SelfService.SelfServiceStore(database, Delivery.Stores.Consents, TimeProvider.System));
    }

    /// <summary>A sample as it would reach us about <paramref name="subscriberId"/>: our placeholder replaced by <paramref name="tag"/> (a real one by default).</summary>
    public byte[] Sample(string name, long subscriberId, string? tag = null, string? reportMessageId = null)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "Bounces", name + ".eml"));
        Assert.Contains(Placeholder, text);
        text = text.Replace(Placeholder, tag ?? Delivery.Bounces.Tag(MailingId, subscriberId));
        if (reportMessageId is not null)
        {
            // The report's own Message-ID is its first one: the quoted original's comes later.
            text = TopMessageId().Replace(text, $"Message-ID: <{reportMessageId}>", 1);
        }
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The id of person<paramref name="index"/>@members.example.</summary>
    public async Task<long> SubscriberIdAsync(int index)
    {
        await using var connection = await Delivery.Stores.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM subscribers WHERE email = @Email", new { Email = DeliveryTestBed.Email(index) });
    }

    public async Task<string> StatusAsync(long subscriberId)
    {
        await using var connection = await Delivery.Stores.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT status FROM subscribers WHERE id = @subscriberId", new { subscriberId }) ?? "";
    }

    public async Task<List<(long? MailingId, long SubscriberId, string Kind, string Code, string Reply, string Source)>> BouncesAsync()
    {
        await using var connection = await Delivery.Stores.Database.OpenAsync();
        return (await connection.QueryAsync<(long? MailingId, long SubscriberId, string Kind, string Code, string Reply, string Source)>(
            "SELECT mailing_id, subscriber_id, kind, code, reply, source FROM bounces ORDER BY id")).AsList();
    }

    public async ValueTask DisposeAsync()
    {
        await Dovecot.DisposeAsync();
        await Delivery.DisposeAsync();
    }

    [GeneratedRegex(@"^Message-I[Dd]:\s*(\r?\n\s+)?<[^>]+>", RegexOptions.Multiline)]
    private static partial Regex TopMessageId();
}
