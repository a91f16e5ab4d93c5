namespace CecopComms.Reach.Channels;

/// <summary>
/// Imports channel figures from CSV with the columns channel, metric, year, value, source (any order, header first; ',',
/// ';' or tab). Like the audience imports it never stops for a bad row: each refused row is reported with its line
/// and reason, and the good rows are recorded, all in one transaction.
/// </summary>
public sealed class ChannelImporter(ChannelFigureStore store)
{
    private static readonly string[] Columns = ["channel", "metric", "year", "value", "source"];

    /// <summary>Reads the file and records its good rows; <paramref name="enteredBy"/> is kept with each (e.g. "import channels.csv by ana").</summary>
    /// <exception cref="Audience.Import.ImportException">The file is missing, unreadable, empty, or its header lacks one of the five columns.</exception>
    public async Task<ChannelImportResult> ImportAsync(string path, string enteredBy, CancellationToken cancellationToken)
    {
        var channels = await store.ChannelsAsync(cancellationToken);
        var (read, figures, errors) = FigureFile.Read(path, Columns, (field, year, value) =>
            (store.Check(field("channel"), field("metric"), year, value, field("source"), enteredBy, channels, out var problem), problem), cancellationToken);
        if (figures.Count > 0) await store.InsertAsync(figures, cancellationToken);
        return new ChannelImportResult(read, figures.Count, errors);
    }
}
