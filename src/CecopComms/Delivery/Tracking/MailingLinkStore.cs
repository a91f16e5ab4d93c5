using System.Collections.Concurrent;
using System.Data.Common;
using CecopComms.Storage;
using Dapper;

namespace CecopComms.Delivery.Tracking;

/// <summary>
/// The numbered links of each mailing (table mailing_links): written once when the mailing is created, read by the
/// composer to number its click redirects and by the click endpoint to find where a number leads. A mailing's links
/// never change after it is created, so they are cached for the life of the process.
/// </summary>
public sealed class MailingLinkStore(Database database)
{
    private readonly TrackingQueries _queries = QueryLoader.Load<TrackingQueries>(database.Dialect, "tracking");
    private readonly ConcurrentDictionary<long, NumberedLinks> _cache = new();

    /// <summary>Numbers <paramref name="links"/> in ordinal order (so the numbering does not depend on how they were collected) and stores them.</summary>
    /// <exception cref="DbException">The database refused the write (e.g. no such mailing).</exception>
    public async Task<IReadOnlyList<string>> SaveAsync(long mailingId, IEnumerable<string> links, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SaveAsync(connection, transaction, mailingId, links, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await LoadAsync(mailingId, cancellationToken)).Urls;
    }

    /// <summary>The same, inside the caller's transaction: the mailing store writes a new mailing's links with the mailing itself.</summary>
    /// <exception cref="DbException">The database refused the write.</exception>
    public async Task SaveAsync(DbConnection connection, DbTransaction transaction, long mailingId, IEnumerable<string> links, CancellationToken cancellationToken)
    {
        var ordered = links.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        for (var n = 0; n < ordered.Length; n++)
            await connection.ExecuteAsync(new CommandDefinition(_queries.InsertMailingLink, new { MailingId = mailingId, N = n, Url = ordered[n] }, transaction,
                cancellationToken: cancellationToken));
        // What is stored wins: a second save of the same mailing keeps the first numbering.
        _cache.TryRemove(mailingId, out _);
    }

    /// <summary>The mailing's links in number order; empty for a mailing created before links were stored.</summary>
    public async ValueTask<IReadOnlyList<string>> LinksAsync(long mailingId, CancellationToken cancellationToken) =>
        (await LoadAsync(mailingId, cancellationToken)).Urls;

    /// <summary>
    /// Each link's number, for the composer (which renders synchronously). The first call for a mailing reads the
    /// database once; Microsoft.Data.Sqlite runs its async calls synchronously, and on Npgsql the wait blocks the thread once per
    /// mailing (the sender and ASP.NET Core have no synchronization context, so it cannot deadlock).
    /// </summary>
    public IReadOnlyDictionary<string, int> Numbers(long mailingId) =>
        _cache.TryGetValue(mailingId, out var cached) ? cached.Numbers : LoadAsync(mailingId, CancellationToken.None).AsTask().GetAwaiter().GetResult().Numbers;

    private async ValueTask<NumberedLinks> LoadAsync(long mailingId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(mailingId, out var cached)) return cached;
        var urls = (await database.QueryListAsync<string>(_queries.MailingLinks, new { MailingId = mailingId }, cancellationToken)).ToArray();
        var links = new NumberedLinks(urls, urls.Select((url, n) => (url, n)).ToDictionary(x => x.url, x => x.n, StringComparer.Ordinal));
        // An empty answer is not kept: the sender may compose a mailing's first messages a moment before its links are saved.
        if (urls.Length > 0) _cache[mailingId] = links;
        return links;
    }

    private sealed record NumberedLinks(string[] Urls, Dictionary<string, int> Numbers);
}
