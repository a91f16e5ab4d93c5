using System.Globalization;
using System.Text.RegularExpressions;
using CecopComms.Audience.Import;
using CecopComms.Audience.Import.Csv;
using CecopComms.Reach.Channels;

namespace CecopComms.Reach;

/// <summary>
/// A CSV file of figures staff keep from outside the engine (channel figures, past e-mail figures): named columns in any
/// order, header first, ',', ';' or tab, with a year and a whole-number value on each row. Like the audience imports it
/// never stops for a bad row: each refused row is reported with its line, column and reason, and the good rows are kept.
/// </summary>
internal static partial class FigureFile
{
    // 5573, 5,573, 5.573, 5 573 (also no-break and narrow no-break spaces): whole numbers, thousands grouped or not.
    [GeneratedRegex(@"^(\d+|\d{1,3}([,.' \u00A0\u202F]\d{3})+)$")]
    private static partial Regex WholeNumber();

    /// <summary>
    /// Reads <paramref name="path"/>; <paramref name="check"/> gets a row's fields (by column name), its year and value,
    /// and gives the figure or the problem in a phrase that starts by naming its column ("the source is empty…").
    /// </summary>
    /// <exception cref="ImportException">The file is missing, unreadable, empty, or its header lacks one of <paramref name="columns"/>.</exception>
    public static (int Read, List<T> Figures, List<ChannelImportError> Errors) Read<T>(string path, IReadOnlyList<string> columns,
        Func<Func<string, string>, int, long, (T? Figure, string? Problem)> check, CancellationToken cancellationToken) where T : class
    {
        using var source = CsvSource.Open(path);
        var index = new Dictionary<string, int>();
        foreach (var column in columns)
        {
            var at = source.Header.ToList().FindIndex(h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
            if (at < 0)
                throw new ImportException($"The file '{source.FileName}' has no '{column}' column; its header must name {string.Join(", ", columns.SkipLast(1))} and {columns[^1]} (it has: {string.Join(", ", source.Header)}).");
            index[column] = at;
        }

        var figures = new List<T>();
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
                     || !long.TryParse(string.Concat(valueText.Where(char.IsAsciiDigit)), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                errors.Add(new ChannelImportError(record.Line, source.Header[index["value"]], $"the value '{valueText}' is not a whole number (5573 or 5,573)", record.Raw));
            else if (check(Field, year, value) is var (figure, problem) && figure is not null)
                figures.Add(figure);
            else
            {
                // The phrases start by naming the field they are about.
                var column = columns.FirstOrDefault(c => problem!.StartsWith($"the {c} ", StringComparison.Ordinal));
                errors.Add(new ChannelImportError(record.Line, column is null ? "" : source.Header[index[column]], problem!, record.Raw));
            }
        }
        return (read, figures, errors);
    }

    /// <summary>Writes checked figures with <paramref name="insert"/>, all in one transaction.</summary>
    public static async Task InsertAllAsync<T>(Storage.Database database, string insert, IReadOnlyList<T> figures, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var figure in figures)
            await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, new Dapper.CommandDefinition(insert, figure, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
