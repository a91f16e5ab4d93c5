using System.Security.Cryptography;
using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Storage;
using CecopComms.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Options;

namespace CecopComms.Tests.Delivery;

/// <summary>
/// A fresh database with <c>n</c> confirmed subscribers of external-newsletter (person0@…, person1@…), the delivery
/// services built over it with the options and transport a test chooses, and the test content.
/// </summary>
internal sealed class DeliveryTestBed : IAsyncDisposable
{
    public static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private DeliveryTestBed(AudienceStores stores, DeliveryOptions options, IMessageTransport transport, TestMailingContent content, TimeProvider time)
    {
        Stores = stores;
        Options = options;
        Transport = transport;
        Content = content;
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        Signer = new TokenSigner(Key);
        Bounces = new BounceAddress(Signer, options.BounceDomain);
        Links = new RecipientLinkFactory(Signer, wrapped);
        Composer = new MessageComposer(Links, Bounces, wrapped, time);
        Mailings = new MailingStore(stores.Database, time);
        Starter = new MailingStarter(content, stores.Resolver, Mailings);
        Sender = new MailingSender(stores.Database, Mailings, content, Composer, Bounces, transport, new SendThrottle(wrapped, time, stores.Database), wrapped, time);
    }

    public AudienceStores Stores { get; }
    public DeliveryOptions Options { get; }
    public IMessageTransport Transport { get; }
    public TestMailingContent Content { get; }
    public TokenSigner Signer { get; }
    public BounceAddress Bounces { get; }
    public RecipientLinkFactory Links { get; }
    public MessageComposer Composer { get; }
    public MailingStore Mailings { get; }
    public MailingStarter Starter { get; }
    public MailingSender Sender { get; }

    /// <summary>Options fit for tests: quick retries, outbox in the workspace unless a transport is given.</summary>
    public static DeliveryOptions TestOptions() => new()
    {
        RetryBaseSeconds = 0.05,
        MaxAttempts = 5,
        MessageIdDomain = "cecop.example",
        BounceDomain = "bounces.cecop.example",
        PublicBaseUrl = "https://cecop.example",
    };

    public static async Task<DeliveryTestBed> CreateAsync(int subscribers, DeliveryOptions? options = null, Func<string, IMessageTransport>? transport = null,
        TestMailingContent? content = null)
    {
        var stores = await AudienceStores.CreateAsync();
        await AddSubscribersAsync(stores.Database, subscribers);
        options ??= TestOptions();
        var outbox = stores.Workspace.Path("outbox");
        return new DeliveryTestBed(stores, options, transport?.Invoke(outbox) ?? new OutboxTransport(outbox), content ?? new TestMailingContent(), TimeProvider.System);
    }

    /// <summary>Confirmed, active subscribers of external-newsletter, written straight into the tables.</summary>
    public static async Task AddSubscribersAsync(Database database, int count, int start = 0)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var listId = await connection.ExecuteScalarAsync<long>("SELECT id FROM lists WHERE slug = 'external-newsletter'", transaction: transaction);
        for (var i = start; i < start + count; i++)
        {
            var id = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO subscribers (uuid, email, email_key, name, language, attributes, status, created_at, updated_at) " +
                "VALUES (@Uuid, @Email, @Email, @Name, @Language, '{\"sector\":\"social\"}', 'active', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z') RETURNING id",
                new { Uuid = Guid.NewGuid().ToString(), Email = Email(i), Name = $"Person {i}", Language = i % 3 == 0 ? "it" : "en" }, transaction);
            await connection.ExecuteAsync(
                "INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, confirmed_at, updated_at) VALUES (@ListId, @Id, 'confirmed', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                new { ListId = listId, Id = id }, transaction);
        }
        await transaction.CommitAsync();
    }

    public static string Email(int i) => $"person{i}@members.example";

    /// <summary>Creates a running mailing of edition <paramref name="edition"/> for the whole list.</summary>
    public Task<Mailing> StartAsync(long edition = 1, MailingStatus status = MailingStatus.Running) =>
        Starter.StartAsync(new MailingSource(MailingSourceKind.Edition, edition), status, CancellationToken.None);

    /// <summary>How many ledger rows of the mailing are in each state.</summary>
    public async Task<Dictionary<string, long>> CountsAsync(long mailingId)
    {
        await using var connection = await Stores.Database.OpenAsync();
        return (await connection.QueryAsync<(string Status, long Count)>("SELECT status, count(*) FROM ledger WHERE mailing_id = @mailingId GROUP BY status", new { mailingId }))
            .ToDictionary(r => r.Status, r => r.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync();
        Stores.Dispose();
    }
}
