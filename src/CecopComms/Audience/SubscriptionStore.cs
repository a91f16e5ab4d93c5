using System.Data.Common;
using CecopComms.Storage;
using Dapper;
using CecopComms.Hosting;

namespace CecopComms.Audience;

/// <summary>
/// Puts people on lists under the lists' rules: a members-only list takes only contacts of member organisations;
/// a double opt-in list takes a confirmed subscription only with a consent record, else it starts unconfirmed.
/// </summary>
public sealed class SubscriptionStore(Database database, ConsentStore consents)
{
    private readonly SubscriptionQueries _queries = QueryLoader.Load<SubscriptionQueries>(database.Dialect, "subscriptions");

    public Task<IReadOnlyList<Subscription>> ForSubscriberAsync(long subscriberId, CancellationToken cancellationToken) =>
        database.QueryListAsync<Subscription>(_queries.SubscriptionsOfSubscriber, new { SubscriberId = subscriberId }, cancellationToken);

    /// <summary>The status a subscription added by staff gets on <paramref name="list"/>.</summary>
    /// <exception cref="AudienceException">The person is erased or not active, or the list's rules refuse them; the message says why.</exception>
    public static SubscriptionStatus Admit(Subscriber subscriber, MailingList list, bool confirmed, NewConsent? consent)
    {
        if (subscriber.ErasedAt is not null)
            throw new AudienceException($"Subscriber {subscriber.Id} has been erased and cannot be subscribed again.");
        if (subscriber.Status != SubscriberStatus.Active)
            throw new AudienceException($"{subscriber.Email} is {subscriber.Status.ToString().ToLowerInvariant()}; staff never reactivate a subscriber, so nobody was subscribed.");
        if (!list.IsOpenTo(subscriber))
            throw new AudienceException($"{subscriber.Email} is not a contact of a member organisation; {list.Name} ({list.Slug}) is for members only.");
        if (!list.DoubleOptIn) return SubscriptionStatus.Confirmed;
        if (!confirmed) return SubscriptionStatus.Unconfirmed;
        return consent is not null
            ? SubscriptionStatus.Confirmed
            : throw new AudienceException($"{list.Name} ({list.Slug}) is double opt-in: a confirmed subscription needs a consent record, the wording the person agreed to.")
                .WithCliHint("Give it with --consent WORDING-VERSION.");
    }

    internal async Task<SubscriptionStatus> SubscribeAsync(DbConnection connection, DbTransaction transaction, Subscriber subscriber, MailingList list,
        bool confirmed, NewConsent? consent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = Admit(subscriber, list, confirmed, consent);
        var written = await connection.ExecuteAsync(new CommandDefinition(_queries.UpsertSubscription, new
        {
            ListId = list.Id,
            SubscriberId = subscriber.Id,
            Status = status.ToString().ToLowerInvariant(),
            ConfirmedAt = status == SubscriptionStatus.Confirmed ? now : (DateTimeOffset?)null,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        // Respecting an unsubscribe is a legal duty: only the person can subscribe again, through a sign-up of their own.
        if (written == 0)
            throw new AudienceException($"{subscriber.Email} unsubscribed from {list.Name} ({list.Slug}); only they can subscribe again, so nothing was changed.");
        if (consent is not null) await consents.RecordAsync(connection, transaction, subscriber.Id, list.Id, consent, now, cancellationToken);
        return status;
    }

    /// <summary>
    /// Takes the person off the list as an unsubscribe (their consents for it are marked withdrawn); false when they were
    /// not on it or had unsubscribed already.
    /// </summary>
    internal async Task<bool> UnsubscribeAsync(DbConnection connection, DbTransaction transaction, Subscriber subscriber, MailingList list, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var changed = await connection.ExecuteAsync(new CommandDefinition(_queries.UnsubscribeByStaff,
            new { SubscriberId = subscriber.Id, ListId = list.Id, Now = now }, transaction, cancellationToken: cancellationToken));
        if (changed > 0) await consents.WithdrawAsync(connection, transaction, subscriber.Id, list.Id, now, cancellationToken);
        return changed > 0;
    }
}
