using CecopComms.Storage;

namespace CecopComms.Reach.Past;

/// <summary>
/// E-mail figures of past years from CECOP's records (subscribers at year end, editions sent, people reached), each with
/// its source. A new entry supersedes the older ones of its year, publication and figure for reading; none is changed or
/// deleted. The year report uses them only where the engine's own database has no figure (<see cref="Reports.YearReportBuilder"/>).
/// </summary>
public sealed class PastEmailFigureStore(Database database, TimeProvider time)
{
    /// <summary>The figures that may be entered, in report order.</summary>
    public static readonly IReadOnlyList<string> Figures = ["subscribers", "editions", "reach"];

    /// <summary>How "the mailing list as a whole" is written in a file or on the command line (an empty publication means it too).</summary>
    public const string Whole = "all";

    private readonly PastEmailQueries _queries = QueryLoader.Load<PastEmailQueries>(database.Dialect, "past-email");

    /// <summary>Records a figure; returns the new entry.</summary>
    /// <exception cref="ReachException">An unknown publication or figure, a year outside 2000–2100, a negative value, or no source.</exception>
    public async Task<PastEmailFigure> SetAsync(int year, string publication, string figure, long value, string source, string enteredBy, CancellationToken cancellationToken)
    {
        var entry = Check(year, publication, figure, value, source, enteredBy, await PublicationsAsync(cancellationToken), out var problem)
            ?? throw new ReachException(Channels.ChannelStore.Sentence(problem!));
        var id = await database.ExecuteScalarAsync<long>(_queries.InsertFigure, entry, cancellationToken);
        return entry with { Id = id };
    }

    /// <summary>The current entry of every year, publication and figure (its latest); all years or one.</summary>
    public Task<IReadOnlyList<PastEmailFigure>> CurrentAsync(int? year, CancellationToken cancellationToken) =>
        database.QueryListAsync<PastEmailFigure>(_queries.CurrentFigures, new { Year = year }, cancellationToken);

    /// <summary>The publications a figure may be entered for.</summary>
    public Task<IReadOnlyList<PastPublication>> PublicationsAsync(CancellationToken cancellationToken) =>
        database.QueryListAsync<PastPublication>(_queries.Publications, null, cancellationToken);

    /// <summary>Checks an entry as a person wrote it; the entry to insert, or null with the problem in a phrase that names its field first.</summary>
    internal PastEmailFigure? Check(int year, string publication, string figure, long value, string source, string enteredBy,
        IReadOnlyList<PastPublication> publications, out string? problem)
    {
        problem = null;
        var written = publication.Trim();
        var found = written.Length == 0 || string.Equals(written, Whole, StringComparison.OrdinalIgnoreCase) ? new PastPublication("", "", "")
            : publications.FirstOrDefault(p => string.Equals(p.Slug, written, StringComparison.OrdinalIgnoreCase) || string.Equals(p.Name, written, StringComparison.OrdinalIgnoreCase));
        var key = NormaliseFigure(figure);
        if (found is null)
            problem = $"the publication '{written}' is not one of: {string.Join(", ", publications.Select(p => p.Slug))}, or {Whole} for the mailing list as a whole";
        else if (key is null) problem = $"the figure '{figure.Trim()}' is not one of: {string.Join(", ", Figures)}";
        else if (key == "subscribers" && found.Slug.Length > 0 && found.List is null)
            problem = $"the publication '{found.Slug}' goes to a segment, not a list; enter its subscribers for the mailing list as a whole ({Whole})";
        else if (year is < 2000 or > 2100) problem = $"the year {year} is not between 2000 and 2100";
        else if (value < 0) problem = $"the value {value} is negative; a figure counts people or editions";
        else if (string.IsNullOrWhiteSpace(source)) problem = "the source is empty; say where the number comes from (\"CECOP activity report 2023, p. 12\")";
        if (problem is not null) return null;
        return new PastEmailFigure
        {
            Year = year, Publication = found!.Slug, Figure = key!, Value = value, Source = source.Trim(), EnteredAt = time.GetUtcNow(), EnteredBy = enteredBy,
        };
    }

    /// <summary>Writes checked entries in one transaction.</summary>
    internal Task InsertAsync(IReadOnlyList<PastEmailFigure> figures, CancellationToken cancellationToken) =>
        FigureFile.InsertAllAsync(database, _queries.InsertFigure, figures, cancellationToken);

    // "Subscribers at year end" → subscribers, "editions sent" → editions, "people reached" → reach.
    private static string? NormaliseFigure(string text) => text.Trim().ToLowerInvariant() switch
    {
        "subscribers" or "subscribers at year end" or "subscribers at the end of the year" => "subscribers",
        "editions" or "editions sent" => "editions",
        "reach" or "people reached" or "reached" => "reach",
        _ => null,
    };
}
