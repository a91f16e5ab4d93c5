using System.Data.Common;
using CecopComms.Audience.Import.Csv;

namespace CecopComms.Audience.Import;

/// <summary>
/// What one kind of import (subscribers, organisations) adds to the shared run: its fields, the check of a row on its
/// own (no database), and the writing of a batch of checked rows inside the batch's transaction.
/// </summary>
internal interface IImportTarget<TRow>
{
    IReadOnlyList<ImportField> Fields { get; }

    /// <summary>Loads what every row needs once (list, organisation names) and prepares the batch statements.</summary>
    /// <exception cref="ImportException">The options name something that does not exist (an unknown list).</exception>
    Task PrepareAsync(DbConnection connection, ColumnLayout layout, string fileName, CancellationToken cancellationToken);

    /// <summary>Checks one record against the rules that need no database.</summary>
    bool TryParse(CsvRecord record, out TRow row, out RowError? error);

    /// <summary>Writes the rows, adding to <paramref name="errors"/> the ones refused on what the database holds.</summary>
    Task WriteAsync(DbTransaction transaction, IReadOnlyList<TRow> rows, ImportCounts counts, List<RowError> errors, CancellationToken cancellationToken);

    /// <summary>Drops per-import scratch state (the connection goes back to a pool).</summary>
    Task CompleteAsync(CancellationToken cancellationToken);
}
