using CecopComms.Storage;

namespace CecopComms.Content.Publications;

/// <summary>Publications: CECOP Link and the CECOP Newsletter, seeded by migration.</summary>
public sealed class PublicationStore(Database database)
{
    private readonly PublicationQueries _queries = QueryLoader.Load<PublicationQueries>(database.Dialect, "publications");

    public Task<IReadOnlyList<Publication>> ListAsync(CancellationToken cancellationToken) =>
        database.QueryListAsync<Publication>(_queries.ListPublications, null, cancellationToken);

    /// <exception cref="ContentValidationException">There is no publication with this slug or id.</exception>
    public async Task<Publication> GetAsync(string slug, CancellationToken cancellationToken) =>
        await database.QuerySingleOrDefaultAsync<Publication>(_queries.GetPublication, new { Slug = slug }, cancellationToken)
        ?? throw new ContentValidationException(
            $"There is no publication '{slug}'. Publications: {string.Join(", ", (await ListAsync(cancellationToken)).Select(p => p.Slug))}.");
}
