using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using CecopComms.Storage;
using Dapper;

namespace CecopComms.Audience;

/// <summary>Subscribers: add (with their lists, in one transaction), find by e-mail, contacts, personal data, erasure.</summary>
public sealed class SubscriberStore(
    Database database,
    TimeProvider time,
    OrganisationStore organisations,
    ListStore lists,
    SubscriptionStore subscriptions,
    ConsentStore consents,
    IEnumerable<IPersonalDataHolder>? holders = null)
{
    private readonly IReadOnlyList<IPersonalDataHolder> _holders = holders?.ToList() ?? [];

    private readonly SubscriberQueries _queries = QueryLoader.Load<SubscriberQueries>(database.Dialect, "subscribers");

    /// <summary>Adds a person and subscribes them to <paramref name="listSlugs"/>; nothing is kept when any part is refused.</summary>
    /// <exception cref="AudienceException">A value is not valid, the e-mail is taken, or a list refuses the person.</exception>
    public async Task<Subscriber> AddAsync(NewSubscriber person, IReadOnlyList<string> listSlugs, bool confirmed, NewConsent? consent, CancellationToken cancellationToken)
    {
        var email = Normalise(person.Email);
        if (!Languages.TryNormalise(person.Language, out var language))
            throw new AudienceException($"'{person.Language}' is not a language tag: give a BCP 47 tag such as en, it or pt-BR.");
        var targets = await ListsAsync(listSlugs, cancellationToken);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindAsync(connection, email.Key, transaction, cancellationToken) is { } existing)
            throw new AudienceException($"{existing.Email} is already a subscriber.");
        long? organisationId = null;
        if (!string.IsNullOrWhiteSpace(person.Organisation))
            organisationId = (await organisations.FindAsync(connection, person.Organisation, cancellationToken, transaction)
                ?? throw OrganisationStore.NotFound(person.Organisation)).Id;

        var now = time.GetUtcNow();
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(_queries.InsertSubscriber, new
        {
            Uuid = Guid.NewGuid().ToString(),
            email.Email,
            EmailKey = email.Key,
            Name = person.Name.Trim(),
            Language = language,
            OrganisationId = organisationId,
            Attributes = (person.Attributes ?? new JsonObject()).ToJsonString(),
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        var subscriber = (await FindAsync(connection, email.Key, transaction, cancellationToken))!;
        foreach (var list in targets)
            await subscriptions.SubscribeAsync(connection, transaction, subscriber, list, confirmed, consent, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return subscriber;
    }

    /// <summary>Subscribes an existing person to more lists, all or none.</summary>
    /// <exception cref="AudienceException">No such subscriber or list, or a list refuses the person.</exception>
    public async Task<IReadOnlyList<(MailingList List, SubscriptionStatus Status)>> SubscribeAsync(string email, IReadOnlyList<string> listSlugs, bool confirmed, NewConsent? consent, CancellationToken cancellationToken)
    {
        var subscriber = await GetAsync(email, cancellationToken);
        var targets = await ListsAsync(listSlugs, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var result = new List<(MailingList, SubscriptionStatus)>();
        foreach (var list in targets)
            result.Add((list, await subscriptions.SubscribeAsync(connection, transaction, subscriber, list, confirmed, consent, now, cancellationToken)));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Staff take a person off a list (they asked by other means): recorded as an unsubscribe, with the consents for the
    /// list withdrawn, so only the person can subscribe again.
    /// </summary>
    /// <exception cref="AudienceException">No such subscriber or list, or the person is not on the list.</exception>
    public async Task<MailingList> UnsubscribeAsync(string email, string listSlug, CancellationToken cancellationToken)
    {
        var subscriber = await GetAsync(email, cancellationToken);
        var list = await lists.GetAsync(listSlug, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await subscriptions.UnsubscribeAsync(connection, transaction, subscriber, list, time.GetUtcNow(), cancellationToken))
            throw new AudienceException($"{subscriber.Email} is not subscribed to {list.Name} ({list.Slug}), so nothing was changed.");
        await transaction.CommitAsync(cancellationToken);
        return list;
    }

    /// <summary>
    /// Changes a person's name, language, organisation (id or name; null or empty for none) and free attributes. The e-mail,
    /// status and subscriptions stay; an erased person cannot be changed.
    /// </summary>
    /// <exception cref="AudienceException">No subscriber has this e-mail, the person was erased, the language is not a tag, or no organisation goes by that name.</exception>
    public async Task<Subscriber> UpdateAsync(string email, string name, string language, string? organisation, JsonObject attributes, CancellationToken cancellationToken)
    {
        var subscriber = await GetAsync(email, cancellationToken);
        if (subscriber.ErasedAt is not null) throw new AudienceException($"{subscriber.Email} was erased and cannot be changed.");
        if (!Languages.TryNormalise(language, out var tag))
            throw new AudienceException($"'{language}' is not a language tag: give a BCP 47 tag such as en, it or pt-BR.");
        await using var connection = await database.OpenAsync(cancellationToken);
        long? organisationId = null;
        if (!string.IsNullOrWhiteSpace(organisation))
            organisationId = (await organisations.FindAsync(connection, organisation, cancellationToken) ?? throw OrganisationStore.NotFound(organisation)).Id;
        await connection.ExecuteAsync(new CommandDefinition(_queries.UpdateSubscriber, new
        {
            subscriber.Id,
            Name = name.Trim(),
            Language = tag,
            OrganisationId = organisationId,
            Attributes = attributes.ToJsonString(),
            Now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
        return (await FindAsync(connection, subscriber.EmailKey, null, cancellationToken))!;
    }

    /// <summary>
    /// Staff mark a person unsubscribed (they asked by other means) or blocklisted (never mail them), or lift a blocklisting
    /// (asked for as <see cref="SubscriberStatus.Active"/>), which gives back the status the person had before it.
    /// Nobody is made active from unsubscribed or bounced here, not even by blocklisting and lifting it: only the
    /// person's own confirmation does that.
    /// </summary>
    /// <exception cref="AudienceException">No subscriber has this e-mail, or the change is not one staff may make.</exception>
    public async Task<Subscriber> SetStatusAsync(string email, SubscriberStatus status, CancellationToken cancellationToken)
    {
        var subscriber = await GetAsync(email, cancellationToken);
        if (subscriber.Status == status) return subscriber;
        var allowed = status is SubscriberStatus.Unsubscribed or SubscriberStatus.Blocklisted
            || (status == SubscriberStatus.Active && subscriber.Status == SubscriberStatus.Blocklisted);
        if (!allowed)
            throw new AudienceException(status == SubscriberStatus.Active
                ? $"{subscriber.Email} is {subscriber.Status.ToString().ToLowerInvariant()}: only the person can make themselves active again, by confirming a subscription."
                : $"Staff cannot mark {subscriber.Email} as {status.ToString().ToLowerInvariant()}: bounces are recorded by the bounce mailbox.");
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(_queries.SetSubscriberStatus,
            new { subscriber.Id, Status = status.ToString().ToLowerInvariant(), Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return (await FindAsync(connection, subscriber.EmailKey, null, cancellationToken))!;
    }

    /// <summary>The subscriber with this e-mail, compared case-insensitively (IDN domains in either form), or null.</summary>
    /// <exception cref="AudienceException">The text is not an e-mail address.</exception>
    public async Task<Subscriber?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var key = Normalise(email).Key;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, key, null, cancellationToken);
    }

    /// <exception cref="AudienceException">No subscriber has this e-mail, or it is not an e-mail address.</exception>
    public async Task<Subscriber> GetAsync(string email, CancellationToken cancellationToken) =>
        await FindAsync(email, cancellationToken) ?? throw new AudienceException($"No subscriber has the e-mail {email.Trim()}.");

    /// <summary>The contact persons of an organisation.</summary>
    public Task<IReadOnlyList<Subscriber>> ContactsAsync(long organisationId, CancellationToken cancellationToken) =>
        database.QueryListAsync<Subscriber>(_queries.ListContacts, new { OrganisationId = organisationId }, cancellationToken);

    /// <summary>Everything held on the person with this e-mail.</summary>
    /// <exception cref="AudienceException">No subscriber has this e-mail.</exception>
    public async Task<PersonalData> PersonalDataAsync(string email, CancellationToken cancellationToken)
    {
        var subscriber = await GetAsync(email, cancellationToken);
        var organisation = subscriber.OrganisationId is { } id
            ? await organisations.FindAsync(id.ToString(CultureInfo.InvariantCulture), cancellationToken)
            : null;
        return new PersonalData(
            subscriber,
            organisation,
            await subscriptions.ForSubscriberAsync(subscriber.Id, cancellationToken),
            await consents.ForSubscriberAsync(subscriber.Id, cancellationToken),
            await ElsewhereAsync(subscriber.Id, cancellationToken));
    }

    /// <summary>
    /// Erases the person's personal data (GDPR art. 17): the e-mail becomes an anonymous placeholder, name, attributes,
    /// organisation link and consent channels are cleared, erased_at is set, and every <see cref="IPersonalDataHolder"/>
    /// scrubs its part in the same transaction. The row, its status and its subscription
    /// statuses stay, so list counts over time stay right. Returns the erased row.
    /// </summary>
    /// <exception cref="AudienceException">No subscriber has this e-mail.</exception>
    public async Task<Subscriber> EraseAsync(string email, CancellationToken cancellationToken)
    {
        var subscriber = await GetAsync(email, cancellationToken);
        var uuid = Guid.NewGuid().ToString();
        var placeholder = $"erased-{uuid}@erased.invalid";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(_queries.EraseSubscriber,
            new { subscriber.Id, Uuid = uuid, Placeholder = placeholder, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        await consents.EraseChannelsAsync(connection, transaction, subscriber.Id, cancellationToken);
        foreach (var holder in _holders) await holder.EraseAsync(connection, transaction, subscriber.Id, cancellationToken);
        var erased = (await FindAsync(connection, placeholder, transaction, cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return erased;
    }

    private async Task<IReadOnlyDictionary<string, object>> ElsewhereAsync(long subscriberId, CancellationToken cancellationToken)
    {
        var parts = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var holder in _holders) parts[holder.Name] = await holder.ExportAsync(subscriberId, cancellationToken);
        return parts;
    }

    private Task<Subscriber?> FindAsync(DbConnection connection, string emailKey, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<Subscriber>(new CommandDefinition(_queries.GetSubscriberByKey, new { EmailKey = emailKey }, transaction, cancellationToken: cancellationToken));

    private async Task<IReadOnlyList<MailingList>> ListsAsync(IReadOnlyList<string> slugs, CancellationToken cancellationToken)
    {
        var found = new List<MailingList>();
        foreach (var slug in slugs.Distinct(StringComparer.Ordinal)) found.Add(await lists.GetAsync(slug, cancellationToken));
        return found;
    }

    private static NormalisedEmail Normalise(string email) =>
        EmailAddress.TryNormalise(email, out var normalised, out var reason)
            ? normalised!
            : throw new AudienceException($"'{email.Trim()}' is not an e-mail address: {reason}.");
}
