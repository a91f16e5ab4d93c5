using System.Globalization;
using CecopComms.Content.Publications;
using CecopComms.Content.Sources;
using CecopComms.Content.Validation;
using CecopComms.Storage;
using CecopComms.Hosting;

namespace CecopComms.Content.Editions;

/// <summary>Editions: saved from their YAML (checked on the way in), numbered per publication and year, listed, moved through their states.</summary>
public sealed class EditionStore(Database database, TimeProvider time, PublicationStore publications)
{
    private readonly EditionQueries _queries = QueryLoader.Load<EditionQueries>(database.Dialect, "editions");

    /// <summary>
    /// Saves an edition from its source: a new edition (the next number of its year unless the file gives one), or the
    /// draft with the file's publication, year and number. Returns the edition and what the reading found.
    /// </summary>
    /// <exception cref="ContentValidationException">The source is not valid, or it would change an edition already scheduled or sent.</exception>
    public async Task<(Edition Edition, Diagnostics Diagnostics)> SaveAsync(SourceText source, CancellationToken cancellationToken)
    {
        var diagnostics = new Diagnostics();
        var document = EditionReader.Read(source, diagnostics);
        diagnostics.ThrowIfErrors(source.Name);
        var publication = await publications.GetAsync(document!.Publication.Value, cancellationToken);
        var values = new
        {
            PublicationId = publication.Id,
            document.Date.Year,
            document.Number,
            IssueDate = document.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Subject = document.Subject.Text(LocalText.Fallback),
            SourceName = source.Name,
            Source = source.Text,
            Now = time.GetUtcNow(),
        };
        if (document.Number is { } number &&
            await database.QuerySingleOrDefaultAsync<Edition>(_queries.FindEditionByNumber, new { PublicationId = publication.Id, document.Date.Year, Number = number }, cancellationToken) is { } existing)
        {
            if (existing.State != ContentState.Draft)
                throw new ContentValidationException($"{existing.Title} (edition {existing.Id}) is {existing.State.ToString().ToLowerInvariant()}; only a draft can be changed.");
            await database.ExecuteScalarAsync<long>(_queries.UpdateEditionSource, new { existing.Id, values.IssueDate, values.Subject, values.SourceName, values.Source, values.Now }, cancellationToken);
            return (await GetAsync(existing.Id, cancellationToken), diagnostics);
        }
        var id = await database.ExecuteScalarAsync<long>(_queries.InsertEdition, values, cancellationToken);
        return (await GetAsync(id, cancellationToken), diagnostics);
    }

    /// <exception cref="KeyNotFoundException">No edition has this id.</exception>
    public async Task<Edition> GetAsync(long id, CancellationToken cancellationToken) =>
        await database.QuerySingleOrDefaultAsync<Edition>(_queries.GetEdition, new { Id = id }, cancellationToken)
        ?? throw new ContentNotFoundException($"There is no edition {id}.").WithCliHint("`cecop editions list` shows them.");

    public Task<IReadOnlyList<Edition>> ListAsync(string? publication, CancellationToken cancellationToken) =>
        database.QueryListAsync<Edition>(_queries.ListEditions, new { Publication = publication }, cancellationToken);

    /// <exception cref="KeyNotFoundException">No edition has this id.</exception>
    public async Task SetStateAsync(long id, ContentState state, CancellationToken cancellationToken)
    {
        await GetAsync(id, cancellationToken);
        await database.ExecuteScalarAsync<long>(_queries.SetEditionState,
            new { Id = id, State = state.ToString().ToLowerInvariant(), Now = time.GetUtcNow() }, cancellationToken);
    }
}
