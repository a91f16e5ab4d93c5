using CecopComms.Reach.Channels;

namespace CecopComms.Reach.Past;

/// <summary>
/// Imports past e-mail figures from CSV with the columns year, publication, figure, value, source (any order, header
/// first; ',', ';' or tab; publication empty or "all" for the mailing list as a whole). Each refused row is reported
/// with its line, column and reason; the good rows are recorded, all in one transaction.
/// </summary>
public sealed class PastEmailImporter(PastEmailFigureStore store)
{
    private static readonly string[] Columns = ["year", "publication", "figure", "value", "source"];

    /// <summary>Reads the file and records its good rows; <paramref name="enteredBy"/> is kept with each.</summary>
    /// <exception cref="Audience.Import.ImportException">The file is missing, unreadable, empty, or its header lacks one of the five columns.</exception>
    public async Task<ChannelImportResult> ImportAsync(string path, string enteredBy, CancellationToken cancellationToken)
    {
        var publications = await store.PublicationsAsync(cancellationToken);
        var (read, figures, errors) = FigureFile.Read(path, Columns, (field, year, value) =>
            (store.Check(year, field("publication"), field("figure"), value, field("source"), enteredBy, publications, out var problem), problem), cancellationToken);
        if (figures.Count > 0) await store.InsertAsync(figures, cancellationToken);
        return new ChannelImportResult(read, figures.Count, errors);
    }
}
