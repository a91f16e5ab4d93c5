using System.Globalization;
using System.Text.RegularExpressions;
using CecopComms.Audience.Import;
using CecopComms.Audience.Import.Csv;

namespace CecopComms.Reach.Channels;

/// <summary>
/// Imports channel figures from CSV with the columns channel, metric, year, value, source (any order, header first; ',',
/// ';' or tab). Like the audience imports it never stops for a bad row: each refused row is reported with its line
/// and reason, and the good rows are recorded, all in one transaction.
/// </summary>
public sealed partial class ChannelImporter(ChannelFigureStore store)
{
    private static readonly string[] Columns = ["channel", "metric", "year", "value", "source"];

    // 5573, 5,573, 5.573, 5 573 (also no-break and narrow no-break spaces): whole numbers, thousands grouped or not.
    [GeneratedRegex(@"^(\d+|\d{1,3}([,.' \u00A0\u202F]\d{3})+)$")]
    private static partial Regex WholeNumber();

    /// <summary>Reads the file and records its good rows; <paramref name="enteredBy"/> is kept with each (e.g. "import channels.csv by ana").</summary>
    /// <exception cref="ImportException">The file is missing, unreadable, empty, or its header lacks one of the five columns.</exception>
    public async Task<ChannelImportResult> ImportAsync(string path, string enteredBy, CancellationToken cancellationToken)
    {
        using var source = CsvSource.Open(path);
        var index = new Dictionary<string, int>();
        foreach (var column in Columns)
        {
            var at = source.Header.ToList().FindIndex(h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
            if (at < 0)
                throw new ImportException($"The file '{source.FileName}' has no '{column}' column; its header must name channel, metric, year, value and source (it has: {string.Join(", ", source.Header)}).");
            index[column] = at;
        }

        var channels = await store.ChannelsAsync(cancellationToken);
        var figures = new List<ChannelFigure>();
        var errors = new List<ChannelImportError>();
        var read = 0;
        while (source.Records.TryRead(out var record))
        {
            cancellationToken.ThrowIfCancellationRequested();
            read++;
            if (record.Problem is not null)
            {
                errors.Add(new ChannelImportError(record.Line, "", record.Problem, record.Raw));
                continue;
            }
            string Field(string name) => record.Fields[index[name]].Trim();
            var yearText = Field("year");
            var valueText = Field("value");
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                errors.Add(new ChannelImportError(record.Line, source.Header[index["year"]], $"the year '{yearText}' is not a year such as 2023", record.Raw));
            else if (!WholeNumber().IsMatch(valueText)
                     || !long.TryParse(StripGrouping(valueText), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                errors.Add(new ChannelImportError(record.Line, source.Header[index["value"]], $"the value '{valueText}' is not a whole number (5573 or 5,573)", record.Raw));
            else if (store.Check(Field("channel"), Field("metric"), year, value, Field("source"), enteredBy, channels, out var problem) is { } figure)
                figures.Add(figure);
            else
                errors.Add(new ChannelImportError(record.Line, ColumnOf(problem!, source.Header, index), problem!, record.Raw));
        }
        if (figures.Count > 0) await store.InsertAsync(figures, cancellationToken);
        return new ChannelImportResult(read, figures.Count, errors);
    }

    private static string StripGrouping(string text) =>
        string.Concat(text.Where(char.IsAsciiDigit));

    // The store's phrases start by naming the field they are about.
    private static string ColumnOf(string problem, IReadOnlyList<string> header, Dictionary<string, int> index)
    {
        foreach (var column in Columns)
            if (problem.StartsWith($"the {column} ", StringComparison.Ordinal)) return header[index[column]];
        return "";
    }
}
