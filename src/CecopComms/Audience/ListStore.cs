using CecopComms.Storage;

namespace CecopComms.Audience;

/// <summary>Lists: create, find by slug, list with counts per subscription status.</summary>
public sealed class ListStore(Database database, TimeProvider time)
{
    private readonly ListQueries _queries = QueryLoader.Load<ListQueries>(database.Dialect, "lists");

    /// <exception cref="AudienceException">The slug is taken or has the wrong shape, or the name is empty.</exception>
    public async Task<MailingList> CreateAsync(string slug, string name, string description, bool isPublic, bool doubleOptIn, bool membersOnly, CancellationToken cancellationToken)
    {
        Slugs.Check(slug, "list");
        if (string.IsNullOrWhiteSpace(name)) throw new AudienceException("A list needs a name (--name).");
        if (isPublic && membersOnly) throw new AudienceException("A members-only list cannot be public: leave out --public or --members-only.");
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
