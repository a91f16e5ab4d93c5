using System.Data.Common;
using CecopComms.Audience;
using CecopComms.Storage;
using Dapper;

namespace CecopComms.Web.SelfService;

/// <summary>
/// The database side of what a person does for themselves with a signed link: confirm a sign-up, unsubscribe, change
/// their name, language and lists. Each change is one transaction; a change that finds nothing to change (a replayed
/// link) writes nothing, so replays are harmless and events count each unsubscribe once.
/// </summary>
public sealed class SelfServiceStore(Database database, ConsentStore consents, TimeProvider time) : Delivery.IUnsubscribeRequests
{
    private readonly SelfServiceQueries _queries = QueryLoader.Load<SelfServiceQueries>(database.Dialect, "self-service");
    private readonly SemaphoreSlim _unsubscribes = new(1, 1);

    /// <summary>The subscriber a token names, or null when erased or unknown.</summary>
    public Task<Subscriber?> FindAsync(Guid uuid, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<Subscriber>(_queries.GetSubscriberByUuid, new { Uuid = uuid.ToString() }, cancellationToken);

    /// <summary>The person's subscription to a list, or null.</summary>
    public Task<Subscription?> SubscriptionAsync(long subscriberId, long listId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<Subscription>(_queries.GetSubscription, new { SubscriberId = subscriberId, ListId = listId }, cancellationToken);

    /// <summary>Puts a sign-up on the list as unconfirmed unless the person already has a row there.</summary>
    public async Task AddPendingAsync(long subscriberId, long listId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(_queries.InsertPendingSubscription,
            new { SubscriberId = subscriberId, ListId = listId, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Confirms a subscription with the person's consent, unless it is confirmed already or they unsubscribed after
    /// <paramref name="issuedAt"/> (when the link was sent). A person who opted out of everything or bounced becomes
    /// active again: opening the link proves the mailbox is theirs and works.
    /// </summary>
    public async Task<ConfirmResult> ConfirmAsync(Subscriber subscriber, MailingList list, NewConsent consent, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ConfirmBlockerAsync(connection, transaction, subscriber, list, issuedAt, cancellationToken) is { } blocked) return blocked;
        await SubscribeAsync(connection, transaction, subscriber, list.Id, consent, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ConfirmResult.Confirmed;
    }

    /// <summary>What <see cref="ConfirmAsync"/> would answer now, changing nothing: Confirmed means it would confirm.</summary>
    public async Task<ConfirmResult> ConfirmOutcomeAsync(Subscriber subscriber, MailingList list, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ConfirmBlockerAsync(connection, null, subscriber, list, issuedAt, cancellationToken) ?? ConfirmResult.Confirmed;
    }

    /// <summary>Why a confirmation would change nothing (blocklisted, a list not open to them, done already, withdrawn since), or null.</summary>
    private async Task<ConfirmResult?> ConfirmBlockerAsync(DbConnection connection, DbTransaction? transaction, Subscriber subscriber, MailingList list,
        DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        if (subscriber.Status == SubscriberStatus.Blocklisted) return ConfirmResult.Refused;
        if (!list.IsOpenTo(subscriber)) return ConfirmResult.NotFound;
        var current = await connection.QuerySingleOrDefaultAsync<Subscription>(new CommandDefinition(_queries.GetSubscription,
            new { SubscriberId = subscriber.Id, ListId = list.Id }, transaction, cancellationToken: cancellationToken));
        if (current?.Status == SubscriptionStatus.Confirmed) return ConfirmResult.AlreadyConfirmed;
        if (current is { Status: SubscriptionStatus.Unsubscribed, UnsubscribedAt: { } left } && left >= issuedAt) return ConfirmResult.WithdrawnSince;
        return null;
    }

    /// <summary>
    /// Unsubscribes the person named by a mailing's link: from the mailing's list, or from everything (subscriber status
    /// 'unsubscribed' and every list) when the mailing went to a segment or is unknown (0 is a test copy). Records one
    /// 'unsubscribe' event for the mailing when something changed; consents of what they left are marked withdrawn.
    /// </summary>
    public async Task<UnsubscribeResult> UnsubscribeAsync(Guid uuid, long mailingId, CancellationToken cancellationToken)
    {
        // One unsubscribe writes at a time in this process: a burst (a mail provider replaying one-click POSTs) then
        // queues here in order, instead of in SQLite's busy handler, which sleeps and retries and stretches the tail.
        await _unsubscribes.WaitAsync(cancellationToken);
        try
        {
            return await WriteUnsubscribeAsync(uuid, mailingId, cancellationToken);
        }
        finally
        {
            _unsubscribes.Release();
        }
    }

    /// <summary>
    /// What the unsubscribe link of <paramref name="mailingId"/> would do, read before anything changes: the list it
    /// leaves (null for a segment's mailing: every list), and whether that is done already.
    /// </summary>
    public async Task<UnsubscribeResult> UnsubscribeStateAsync(Guid uuid, long mailingId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (subscriber, list) = await UnsubscribeLinkAsync(connection, null, uuid, mailingId, cancellationToken);
        if (subscriber is null) return new UnsubscribeResult(false, false, null);
        if (list is { Id: > 0 })
        {
            var subscription = await connection.QuerySingleOrDefaultAsync<Subscription>(new CommandDefinition(_queries.GetSubscription,
                new { SubscriberId = subscriber.Id, ListId = list.Id }, cancellationToken: cancellationToken));
            return new UnsubscribeResult(true, subscription is null || subscription.Status == SubscriptionStatus.Unsubscribed, list.Name, subscriber.Language);
        }
        return new UnsubscribeResult(true, subscriber.Status == SubscriberStatus.Unsubscribed, null, subscriber.Language);
    }

    async Task<bool> Delivery.IUnsubscribeRequests.UnsubscribeAsync(Guid subscriberUuid, long mailingId, CancellationToken cancellationToken) =>
        (await UnsubscribeAsync(subscriberUuid, mailingId, cancellationToken)).Found;

    /// <summary>
    /// The person an unsubscribe link names, and the list its mailing went to: null when the mailing is unknown (or 0,
    /// a test copy), a row of nulls (Id 0) when it went to a segment.
    /// </summary>
    private async Task<(Subscriber? Subscriber, MailingList? List)> UnsubscribeLinkAsync(DbConnection connection, DbTransaction? transaction, Guid uuid, long mailingId,
        CancellationToken cancellationToken)
    {
        var subscriber = await connection.QuerySingleOrDefaultAsync<Subscriber>(new CommandDefinition(_queries.GetSubscriberByUuid,
            new { Uuid = uuid.ToString() }, transaction, cancellationToken: cancellationToken));
        if (subscriber is null || mailingId <= 0) return (subscriber, null);
        return (subscriber, await connection.QuerySingleOrDefaultAsync<MailingList?>(new CommandDefinition(
            _queries.ListOfMailing, new { MailingId = mailingId }, transaction, cancellationToken: cancellationToken)));
    }

    private async Task<UnsubscribeResult> WriteUnsubscribeAsync(Guid uuid, long mailingId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (subscriber, mailing) = await UnsubscribeLinkAsync(connection, transaction, uuid, mailingId, cancellationToken);
        if (subscriber is null) return new UnsubscribeResult(false, false, null);
        var now = time.GetUtcNow();
        int changed;
        string? scope;
        if (mailing is { Id: > 0 } list)
        {
            changed = await connection.ExecuteAsync(new CommandDefinition(_queries.UnsubscribeFromList,
                new { SubscriberId = subscriber.Id, ListId = list.Id, Now = now }, transaction, cancellationToken: cancellationToken));
            scope = list.Name;
            if (changed > 0) await Withdraw(list.Id);
        }
        else
        {
            changed = await connection.ExecuteAsync(new CommandDefinition(_queries.OptOutSubscriber, new { subscriber.Id, Now = now }, transaction, cancellationToken: cancellationToken))
                + await connection.ExecuteAsync(new CommandDefinition(_queries.UnsubscribeFromAllLists, new { SubscriberId = subscriber.Id, Now = now }, transaction, cancellationToken: cancellationToken));
            scope = null;
            if (changed > 0) await Withdraw(null);
        }
        if (changed > 0 && mailing is not null)
            await connection.ExecuteAsync(new CommandDefinition(_queries.InsertUnsubscribeEvent,
                new { MailingId = mailingId, SubscriberId = subscriber.Id, Now = now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new UnsubscribeResult(true, changed > 0, scope, subscriber.Language);

        Task Withdraw(long? listId) => consents.WithdrawAsync(connection, transaction, subscriber.Id, listId, now, cancellationToken);
    }

    /// <summary>
    /// Saves what the person chose on their preference page: name, language, and for each list offered whether they
    /// want it. A list they join is confirmed with their consent (the signed link proves the mailbox is theirs); a list
    /// they leave is unsubscribed, with an event for <paramref name="mailingId"/> when the link came in a mailing.
    /// </summary>
    public async Task SavePreferencesAsync(Subscriber subscriber, string name, string language, IReadOnlyDictionary<MailingList, bool> lists,
        NewConsent consent, long mailingId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(_queries.UpdateProfile,
            new { subscriber.Id, Name = name, Language = language, Now = now }, transaction, cancellationToken: cancellationToken));
        var mailingExists = mailingId > 0 && await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            _queries.CountMailing, new { MailingId = mailingId }, transaction, cancellationToken: cancellationToken)) > 0;
        foreach (var (list, wanted) in lists)
        {
            if (wanted)
            {
                if (!list.IsOpenTo(subscriber)) continue;
                var current = await connection.QuerySingleOrDefaultAsync<Subscription>(new CommandDefinition(_queries.GetSubscription,
                    new { SubscriberId = subscriber.Id, ListId = list.Id }, transaction, cancellationToken: cancellationToken));
                if (current?.Status != SubscriptionStatus.Confirmed) await SubscribeAsync(connection, transaction, subscriber, list.Id, consent, cancellationToken);
                continue;
            }
            var left = await connection.ExecuteAsync(new CommandDefinition(_queries.UnsubscribeFromList,
                new { SubscriberId = subscriber.Id, ListId = list.Id, Now = now }, transaction, cancellationToken: cancellationToken));
            if (left == 0) continue;
            await consents.WithdrawAsync(connection, transaction, subscriber.Id, list.Id, now, cancellationToken);
            if (mailingExists)
                await connection.ExecuteAsync(new CommandDefinition(_queries.InsertUnsubscribeEvent,
                    new { MailingId = mailingId, SubscriberId = subscriber.Id, Now = now }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task SubscribeAsync(DbConnection connection, DbTransaction transaction, Subscriber subscriber, long listId, NewConsent consent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(_queries.ConfirmSubscription,
            new { SubscriberId = subscriber.Id, ListId = listId, Now = now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(_queries.ReactivateSubscriber, new { subscriber.Id, Now = now }, transaction, cancellationToken: cancellationToken));
        await consents.RecordAsync(connection, transaction, subscriber.Id, listId, consent, now, cancellationToken);
    }
}
