using CecopComms.Storage;
using Dapper;
using CecopComms.Hosting;

namespace CecopComms.Audience;

/// <summary>Lists: create, change, delete when nothing uses them, find by slug, list with counts per subscription status.</summary>
public sealed class ListStore(Database database, TimeProvider time)
{
    private readonly ListQueries _queries = QueryLoader.Load<ListQueries>(database.Dialect, "lists");

    /// <exception cref="AudienceException">The slug is taken or has the wrong shape, or the name is empty.</exception>
    public async Task<MailingList> CreateAsync(string slug, string name, string description, bool isPublic, bool doubleOptIn, bool membersOnly, CancellationToken cancellationToken)
    {
        Slugs.Check(slug, "list");
        if (string.IsNullOrWhiteSpace(name)) throw new AudienceException("A list needs a name.").WithCliHint("Give it with --name.");
        if (isPublic && membersOnly) throw new AudienceException("A members-only list cannot be public.").WithCliHint("Leave out --public or --members-only.");
        if (await FindAsync(slug, cancellationToken) is not null) throw new AudienceException($"A list with the slug '{slug}' already exists.");
        await database.ExecuteScalarAsync<long>(_queries.InsertList, new
        {
            Slug = slug,
            Name = name.Trim(),
            Description = description.Trim(),
            Visibility = isPublic ? "public" : "private",
            DoubleOptIn = doubleOptIn,
            MembersOnly = membersOnly,
            Now = time.GetUtcNow(),
        }, cancellationToken);
        return await GetAsync(slug, cancellationToken);
    }

    /// <summary>Changes a list's name, description, visibility and double opt-in; the slug and the members-only rule stay as created.</summary>
    /// <exception cref="AudienceException">There is no such list, the name is empty, or a members-only list would become public.</exception>
    public async Task<MailingList> UpdateAsync(string slug, string name, string description, bool isPublic, bool doubleOptIn, CancellationToken cancellationToken) =>
        await UpdateAsync(slug, name, description, null, isPublic, doubleOptIn, cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(string, string, string, bool, bool, CancellationToken)"/>, with the description in other
    /// languages (<paramref name="translations"/> by tag; empty ones are dropped; null keeps them as they are).
    /// </summary>
    /// <exception cref="AudienceException">There is no such list, the name is empty, or a members-only list would become public.</exception>
    public async Task<MailingList> UpdateAsync(string slug, string name, string description, IReadOnlyDictionary<string, string>? translations,
        bool isPublic, bool doubleOptIn, CancellationToken cancellationToken)
    {
        var list = await GetAsync(slug, cancellationToken);
        if (string.IsNullOrWhiteSpace(name)) throw new AudienceException("A list needs a name.");
        if (isPublic && list.MembersOnly) throw new AudienceException($"{list.Name} ({list.Slug}) is for members only, so it cannot be public.");
        await database.ExecuteScalarAsync<long>(_queries.UpdateList, new
        {
            list.Id,
            Name = name.Trim(),
            Description = description.Trim(),
            Descriptions = translations is null ? null : System.Text.Json.JsonSerializer.Serialize(
                translations.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(t => t.Key, t => t.Value.Trim())),
            Visibility = isPublic ? "public" : "private",
            DoubleOptIn = doubleOptIn,
            Now = time.GetUtcNow(),
        }, cancellationToken);
        return await GetAsync(slug, cancellationToken);
    }

    /// <summary>What sends to the list or names it: publications, campaigns, segments, active schedules, mailings not yet over.</summary>
    public Task<IReadOnlyList<ListUse>> UsesAsync(MailingList list, CancellationToken cancellationToken) =>
        database.QueryListAsync<ListUse>(_queries.ListUses, new { list.Id, list.Slug }, cancellationToken);

    /// <summary>
    /// Deletes a list that nothing uses (<see cref="UsesAsync"/>), with its subscriptions; consent records and finished
    /// mailings stay, without the list. Returns the list as it was, with its counts.
    /// </summary>
    /// <exception cref="AudienceException">There is no such list, or something uses it; the message names what.</exception>
    public async Task<MailingList> DeleteAsync(string slug, CancellationToken cancellationToken)
    {
        var list = await GetAsync(slug, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var uses = (await connection.QueryAsync<ListUse>(new CommandDefinition(_queries.ListUses, new { list.Id, list.Slug }, transaction,
            cancellationToken: cancellationToken))).ToList();
        if (uses.Count > 0) throw InUse(list, uses);
        await connection.ExecuteAsync(new CommandDefinition(_queries.DeleteList, new { list.Id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return list;
    }

    /// <summary>The refusal to delete <paramref name="list"/> while <paramref name="uses"/> use it, naming each.</summary>
    public static AudienceException InUse(MailingList list, IReadOnlyList<ListUse> uses) =>
        new($"{list.Name} ({list.Slug}) cannot be deleted while it is in use, by {ListUse.Describe(uses)}.");

    /// <summary>Every list with its counts, by slug.</summary>
    public async Task<IReadOnlyList<MailingList>> ListAsync(CancellationToken cancellationToken) => await QueryAsync(null, cancellationToken);

    public async Task<MailingList?> FindAsync(string slug, CancellationToken cancellationToken) =>
        (await QueryAsync(slug, cancellationToken)).SingleOrDefault();

    /// <exception cref="AudienceException">There is no list with this slug; the message names the lists there are.</exception>
    public async Task<MailingList> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var found = await FindAsync(slug, cancellationToken);
        if (found is not null) return found;
        var known = (await ListAsync(cancellationToken)).Select(l => l.Slug);
        throw new AudienceException($"There is no list '{slug}'. Lists: {string.Join(", ", known)}.");
    }

    /// <summary>Who a mailing to the list reaches: confirmed, active, not erased, and on a members-only list only contacts.</summary>
    public Task<IReadOnlyList<Recipient>> RecipientsAsync(MailingList list, CancellationToken cancellationToken) =>
        database.QueryListAsync<Recipient>(_queries.ListRecipients, new { ListId = list.Id }, cancellationToken);

    /// <summary>Every subscriber on the list, whatever their subscription status, for export.</summary>
    public Task<IReadOnlyList<ExportRow>> ExportRowsAsync(MailingList list, CancellationToken cancellationToken) =>
        database.QueryListAsync<ExportRow>(_queries.ListExportRows, new { ListId = list.Id }, cancellationToken);

    private Task<IReadOnlyList<MailingList>> QueryAsync(string? slug, CancellationToken cancellationToken) =>
        database.QueryListAsync<MailingList>(_queries.ListLists, new { Slug = slug }, cancellationToken);
}
