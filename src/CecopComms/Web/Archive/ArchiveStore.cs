using CecopComms.Storage;

namespace CecopComms.Web.Archive;

/// <summary>Sent editions, for the public and the members' archive (see archive.sql for which publication is in which).</summary>
public sealed class ArchiveStore(Database database)
{
    /// <summary>Editions listed on an archive page and in the feed at most.</summary>
    public const int PageSize = 500;

    private readonly ArchiveQueries _queries = QueryLoader.Load<ArchiveQueries>(database.Dialect, "archive");

    /// <summary>The sent editions of <paramref name="access"/>'s archive, newest first.</summary>
    public Task<IReadOnlyList<ArchivedEdition>> ListAsync(ArchiveAccess access, CancellationToken cancellationToken, int limit = PageSize) =>
        database.QueryListAsync<ArchivedEdition>(_queries.ArchivedEditions,
            new { MembersOnly = access == ArchiveAccess.Members, Publication = (string?)null, Year = 0, Number = 0, Limit = limit }, cancellationToken);

    /// <summary>One sent edition of <paramref name="access"/>'s archive; null when there is none (or it belongs to the other archive).</summary>
    public Task<ArchivedEdition?> FindAsync(ArchiveAccess access, string publication, int year, int number, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<ArchivedEdition>(_queries.ArchivedEditions,
            new { MembersOnly = access == ArchiveAccess.Members, Publication = publication, Year = year, Number = number, Limit = 1 }, cancellationToken);
}
